using System.Text.RegularExpressions;

namespace ServiceHall.Grains.Refusals;

/// <summary>
/// Orders field paths as they stand in the body (<c>groups[2].steps[0]</c> before <c>groups[10]</c>), so errors found by
/// different checks read top to bottom like the form.
/// </summary>
public static partial class FieldOrder
{
    public static string Key(string? field) =>
        field is null ? "" : Index().Replace(field, m => "[" + m.Groups[1].Value.PadLeft(6, '0') + "]");

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Index();
}
