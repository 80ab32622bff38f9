using Microsoft.Extensions.Localization;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Pages.Cases;

/// <summary>
/// A journal entry in the page's language, written only here, from the entry's kind and facts
/// (<see cref="CaseJournalKinds"/>): typed words as typed, counts and names in the page's language, coded names
/// (departments, halls) through <see cref="CaseNames"/>. Entries stored before kinds existed show their line as recorded.
/// </summary>
public static class JournalText
{
    /// <summary>
    /// The entry's detail, shown under the action's name, or null when the name says it all. Staff user names become
    /// display names only when <paramref name="showStaff"/> (the applicant's copy has none to show).
    /// </summary>
    public static string? Text(CaseJournalEntry entry, CaseNames? names, bool showStaff, IStringLocalizer<CaseText> text)
    {
        var args = entry.Args;
        string? Arg(string name) => args.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        string? Say(string key, string? value) => value is null ? null : text[key, value].Value;
        string? Staff(string name) => Arg(name) is { } user && showStaff ? names?.Staff(user) ?? user : null;
        string? Department(string name) => Arg(name) is { } code ? names?.Department(code) ?? code : null;
        string? Hall(string name) => Arg(name) is { } code ? names?.Hall(code) ?? code : null;

        var parts = entry.Kind switch
        {
            CaseJournalKinds.Legacy => [entry.Summary],
            CaseJournalKinds.Opened =>
            [
                Arg("missingMaterials") is { } missing && missing != "0" ? Say("journal.missingMaterials", missing) : null,
                Arg("uploads") is { } uploads && uploads != "0" ? Say("journal.uploads", uploads) : null,
                Arg("eLicenceNumbers") is { } licences ? Say("journal.eLicences", string.Join(text["journal.listSeparator"].Value, licences.Split(','))) : null,
            ],
            CaseJournalKinds.Step =>
            [
                Arg("reason") ?? Arg("comment") ?? Arg("opinion"),
                Arg("form") is { } form ? text.Named("certForm.", form) : null,
                Say("journal.ems", Arg("emsTrackingNo")),
                Say("journal.by", Arg("by")),
                Arg("collector") == "agent" ? text["journal.agent"].Value : null,
                Say("journal.idNumber", Arg("idNumber")),
                Say("journal.deficiencies", Arg("deficiencies")),
                Say("journal.uploads", Arg("uploads")),
            ],
            CaseJournalKinds.Withdrawn or CaseJournalKinds.Cancelled or CaseJournalKinds.Suspended or CaseJournalKinds.ClockPaused => [Arg("reason")],
            CaseJournalKinds.Resumed => [],
            CaseJournalKinds.TimerFired => [Say("journal.timer", Arg("timer"))],
            CaseJournalKinds.SlaThreshold => [int.TryParse(Arg("percent"), out var percent) && percent >= 100
                ? text["journal.slaBreached"].Value
                : Say("journal.slaPercent", Arg("percent"))],
            CaseJournalKinds.CoordinatorAssigned => [Say("journal.coordinator", Staff("coordinator")), Say("journal.district", Arg("district"))],
            CaseJournalKinds.PlanChanged => [Say("journal.part", Arg("part")), Department("department"), Say("journal.reviewer", Staff("reviewer"))],
            CaseJournalKinds.Escalated => [Say("journal.priority", Arg("priority")), Arg("reason")],
            CaseJournalKinds.ClockResumed => [Say("journal.pausedHours", Arg("pausedHours"))],
            CaseJournalKinds.FeedbackSent => [Arg("message")],
            CaseJournalKinds.CoordinationClosed => [Arg("summary")],
            CaseJournalKinds.HallTransferred =>
            [
                text["journal.transfer", text.Named("transfer.part.", Arg("part")), Hall("from") ?? "-", Hall("to") ?? "-"].Value,
                Arg("reason"),
            ],
            CaseJournalKinds.MovedToStandard => [text["journal.movedToStandard", Arg("version") ?? "-"].Value, Arg("reason")],
            // A kind this build does not know (written by a newer one): its facts as they are.
            _ => args.Values.ToList<string?>(),
        };

        var shown = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return shown.Count == 0 ? null : string.Join(text["journal.separator"].Value, shown);
    }

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
}
