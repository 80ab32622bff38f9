using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Pages.Cases;

/// <summary>
/// A journal line in the page's language. The case grain journals in Chinese, the hall's language of record, as
/// "{label}：{detail}" where the detail is what staff typed (a reason, a comment) or a count. The pages write the label
/// from their own resources, keep typed text as typed, and say the known counts in the page's language; the line of
/// an action they do not know is shown as recorded.
/// </summary>
public static partial class JournalText
{
    /// <summary>The line's detail, shown under the action's name: typed text as typed, counts in the page's language.</summary>
    public static string? Text(CaseJournalEntry entry, IStringLocalizer<CaseText> text) => entry.Action switch
    {
        "open" => Count(OutstandingMaterials(), entry.Summary) is { } missing and > 0 ? text["journal.missingMaterials", missing].Value : null,
        "request-correction" => Count(DeficiencyCount(), entry.Summary) is { } count ? text["journal.deficiencies", count].Value : Detail(entry.Summary),
        "sla-alert" => entry.Summary.StartsWith("已超过", StringComparison.Ordinal)
            ? text["journal.slaBreached"].Value
            : Count(SlaPercent(), entry.Summary) is { } percent ? text["journal.slaPercent", percent].Value : entry.Summary,
        "issue-certificate" => Detail(entry.Summary) is { } form ? text.Named("certForm.", form) : null,
        "resume" => null,
        // A designer's own action: the line as recorded.
        _ when text[$"action.{entry.Action}"].ResourceNotFound => entry.Summary,
        _ => Detail(entry.Summary),
    };

    /// <summary>An action's name in the page's language; a designer's own action keeps its name.</summary>
    public static string Action(string action, IStringLocalizer<CaseText> text) => text.Named("action.", action);

    /// <summary>
    /// Who acted: the applicant and the system by role; staff by name and role when <paramref name="staffNames"/> is
    /// given, by role only on the applicant's copy of the journal.
    /// </summary>
    public static string Actor(CaseJournalEntry entry, CaseNames? staffNames, IStringLocalizer<CaseText> text, IStringLocalizer<SharedText> shared) => entry.Role switch
    {
        "applicant" => text["actor.applicant"],
        "system" => text["actor.system"],
        _ when staffNames is null => shared.Named("role.", entry.Role),
        _ => $"{staffNames.Staff(entry.Actor)} · {shared.Named("role.", entry.Role)}",
    };

    // After the first full-width colon: the label never contains one, typed text may.
    private static string? Detail(string summary)
    {
        var colon = summary.IndexOf('：', StringComparison.Ordinal);
        return colon < 0 || colon == summary.Length - 1 ? null : summary[(colon + 1)..];
    }

    private static int? Count(Regex pattern, string summary) =>
        pattern.Match(summary) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"(\d+) 项材料待补")]
    private static partial Regex OutstandingMaterials();

    [GeneratedRegex(@"：(\d+) 项补正$")]
    private static partial Regex DeficiencyCount();

    [GeneratedRegex(@"已用 (\d+)%")]
    private static partial Regex SlaPercent();
}
