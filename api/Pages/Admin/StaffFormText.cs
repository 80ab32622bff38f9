using Microsoft.Extensions.Localization;

namespace ServiceHall.Api.Pages.Admin;

/// <summary>
/// The texts of the staff forms that call the API directly (Resources/Pages/Admin/StaffFormText.*.resx): enquiry log,
/// coordinator reassignment, e-licence import, certificate revocation, catalogue editing.
/// </summary>
public sealed class StaffFormText
{
    /// <summary>What staff-forms.js reads: the form's states and the page's words for each field the server may refuse.</summary>
    public static Dictionary<string, string> ScriptStrings(IStringLocalizer<StaffFormText> text) =>
        text.GetAllStrings(includeParentCultures: true)
            .Where(s => s.Name.StartsWith("form.", StringComparison.Ordinal) || s.Name.StartsWith("field.", StringComparison.Ordinal)
                || s.Name.StartsWith("done.", StringComparison.Ordinal))
            .ToDictionary(s => s.Name, s => s.Value);

    public static readonly IReadOnlyList<string> Scripts = ["servicehall.js", "staff-forms.js"];
}
