using System.Security.Cryptography;

namespace ServiceHall.Grains.Documents;

/// <summary>Document ids: random and unguessable, and safe as a file name (lower-case hex only after the prefix).</summary>
public static class DocumentIds
{
    private const string Prefix = "doc-";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? id) =>
        id is { Length: 36 } && id.StartsWith(Prefix, StringComparison.Ordinal) && id[Prefix.Length..].All(Uri.IsHexDigit)
        && !id[Prefix.Length..].Any(char.IsUpper);
}
