using System.Text;

namespace ServiceHall.Api.Documents;

/// <summary>
/// Line breaking for the PDF, which PDFsharp leaves to the caller (its XTextFormatter breaks only at spaces, so a
/// Chinese sentence would run off the page). Chinese may break between any two characters, except before closing
/// punctuation; Latin words break at spaces; a word wider than the line is cut.
/// </summary>
public static class TextWrapping
{
    private const string ClosingPunctuation = "，。、；：？！）》」』】〕”’%,.;:?!)]";

    public static List<string> Wrap(string text, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var token in Tokens(paragraph))
            {
                var piece = token;
                if (line.Length > 0 && measure((line + piece).TrimEnd()) > width)
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear();
                    piece = piece.TrimStart();
                }

                while (line.Length == 0 && piece.Length > 1 && measure(piece.TrimEnd()) > width)
                {
                    var fits = LongestFittingPrefix(piece, width, measure);
                    lines.Add(piece[..fits]);
                    piece = piece[fits..];
                }

                line.Append(piece);
            }

            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    /// <summary>Units that stay on one line: a CJK character with the closing punctuation after it, or a word with its trailing spaces.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (IsWide(text[i]))
            {
                i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            }
            else
            {
                while (i < text.Length && !IsWide(text[i]) && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    i++;
                }
            }

            while (i < text.Length && ClosingPunctuation.Contains(text[i], StringComparison.Ordinal))
            {
                i++;
            }

            yield return text[start..i];
        }
    }

    private static bool IsWide(char c) =>
        (c >= '\u2E80' && !ClosingPunctuation.Contains(c, StringComparison.Ordinal)) || char.IsSurrogate(c);

    private static int LongestFittingPrefix(string text, double width, Func<string, double> measure)
    {
        var fits = 1;
        while (fits < text.Length && measure(text[..(fits + 1)]) <= width)
        {
            fits++;
        }

        return char.IsHighSurrogate(text[fits - 1]) && fits < text.Length ? fits + 1 : fits;
    }
}
