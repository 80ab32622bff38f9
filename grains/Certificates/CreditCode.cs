using System.Text.RegularExpressions;

namespace ServiceHall.Grains.Certificates;

/// <summary>The unified social credit code (统一社会信用代码) of an organisation: 18 characters, no I, O, S, V or Z.</summary>
public static partial class CreditCode
{
    public static bool LooksValid(string? code) => code is not null && Shape().IsMatch(code.Trim().ToUpperInvariant());

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{18}$")]
    private static partial Regex Shape();
}
