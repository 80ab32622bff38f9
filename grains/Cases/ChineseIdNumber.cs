namespace ServiceHall.Grains.Cases;

/// <summary>The 18-character resident identity number (GB 11643-1999): 17 digits and a mod-11 check character.</summary>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(string? value)
    {
        if (value is not { Length: 18 })
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }

            sum += (value[i] - '0') * Weights[i];
        }

        return char.ToUpperInvariant(value[17]) == CheckCharacters[sum % 11];
    }
}
