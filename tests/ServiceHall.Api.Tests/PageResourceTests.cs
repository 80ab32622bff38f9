using System.Xml.Linq;

namespace ServiceHall.Api.Tests;

/// <summary>Every page string exists in Chinese (the neutral resources) and in English, and is not left empty.</summary>
public sealed class PageResourceTests
{
    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "api", "Resources"), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void ChineseAndEnglishHaveTheSameKeysAndNoEmptyText(string chineseFile)
    {
        var chinese = Read(Path.Combine(RepositoryPaths.Root, chineseFile));
        var englishFile = Path.Combine(RepositoryPaths.Root, chineseFile[..^".resx".Length] + ".en.resx");
        Assert.True(File.Exists(englishFile), $"{chineseFile} has no English file");
        var english = Read(englishFile);

        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.DoesNotContain(chinese, entry => string.IsNullOrWhiteSpace(entry.Value));
        Assert.DoesNotContain(english, entry => string.IsNullOrWhiteSpace(entry.Value));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");
}
