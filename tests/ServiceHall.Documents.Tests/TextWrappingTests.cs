using ServiceHall.Api.Documents;

namespace ServiceHall.Documents.Tests;

/// <summary>Line breaking measured in characters (every character one unit wide), so the rules are visible.</summary>
public sealed class TextWrappingTests
{
    private static List<string> Wrap(string text, int width) => TextWrapping.Wrap(text, width, s => s.Length);

    [Fact]
    public void ChineseBreaksBetweenAnyTwoCharacters()
    {
        Assert.Equal(["内资公司", "变更登记"], Wrap("内资公司变更登记", 4));
    }

    [Fact]
    public void ClosingPunctuationNeverStartsALine()
    {
        var lines = Wrap("请补签后重新提交原件，逾期未补正的。", 10);

        Assert.All(lines, line => Assert.DoesNotMatch("^[，。]", line));
        Assert.Equal("请补签后重新提交原件，逾期未补正的。", string.Concat(lines));
    }

    [Fact]
    public void LatinWordsStayWhole()
    {
        Assert.Equal(["Domestic company", "change", "registration"], Wrap("Domestic company change registration", 16));
    }

    [Fact]
    public void AWordLongerThanTheLineIsCut()
    {
        Assert.Equal(["https://zw", "fw.gz.exam", "ple/track"], Wrap("https://zwfw.gz.example/track", 10));
    }

    [Fact]
    public void NewlinesStartNewLines()
    {
        Assert.Equal(["第一行", "第二行"], Wrap("第一行\n第二行", 20));
    }
}
