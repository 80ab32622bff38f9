using System.Globalization;
using System.Security.Cryptography;

namespace ServiceHall.Grains.Appointments;

/// <summary>Day-grain keys (<c>hall+window+yyyy-MM-dd</c>) and appointment codes.</summary>
public static class AppointmentKeys
{
    private const char Separator = '+';

    // The tracking codes' alphabet (no 0/O, 1/I/L, U), so a code read out at the window is typed right.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Appointment codes start with this letter pair, so staff and applicants never mistake one for a case's tracking code.</summary>
    private const string Prefix = "YY";

    public const int CodeLength = 14;

    public static string Day(string hall, string window, DateOnly date) =>
        string.Join(Separator, hall.ToLowerInvariant(), window.ToLowerInvariant(), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static (string Hall, string Window, DateOnly Date) ParseDay(string key)
    {
        var parts = key.Split(Separator);
        return (parts[0], parts[1], DateOnly.ParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>12 random letters after the prefix: about 59 bits, unguessable for a booking that lives a few weeks.</summary>
    public static string NewCode()
    {
        Span<char> code = stackalloc char[CodeLength];
        Prefix.CopyTo(code);
        for (var i = Prefix.Length; i < code.Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(code);
    }

    public static bool LooksLikeCode(string code) =>
        code.Length == CodeLength && code.StartsWith(Prefix, StringComparison.Ordinal)
        && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>Codes are read out and retyped: spaces and dashes dropped, letters upper-cased.</summary>
    public static string Normalize(string? code) =>
        new([.. (code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
}
