using System.Text.RegularExpressions;
using ServiceHall.Workflows.Activities.ServiceHall;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Takes staff identities out of what the applicant's tracker returns. Steps, documents and journal facts carry the
/// workflow's own data (a deficiency's <c>raisedBy</c>, a plan change's <c>reviewer</c>), written for staff, so the
/// applicant's view cannot simply show it: members that name staff are dropped, and typed text naming a known staff
/// member loses the name.
/// </summary>
internal static class ApplicantRedaction
{
    private static readonly HashSet<string> StaffFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "actor", "reviewer", "coordinator", "assignedTo",
    };

    /// <summary>The user names of everyone on staff who has touched or been given the case.</summary>
    public static IReadOnlySet<string> StaffOf(CaseState state)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in state.Journal.Where(e => e.Role is not (Roles.Applicant or "system")))
        {
            names.Add(entry.Actor);
        }

        foreach (var step in state.Workflow.OpenSteps.Where(s => s.AssignedTo is not null))
        {
            names.Add(step.AssignedTo!);
        }

        if (state.Coordination?.Coordinator is { } coordinator)
        {
            names.Add(coordinator);
        }

        foreach (var step in ReviewProgress.Describe(state.Workflow).Where(s => s.Reviewer is not null))
        {
            names.Add(step.Reviewer!);
        }

        names.RemoveWhere(string.IsNullOrWhiteSpace);
        return names;
    }

    /// <summary>A step's data for the applicant: deficiencies without who raised them, staff names out of the problems.</summary>
    public static OpenStepData Data(OpenStepData data, IReadOnlySet<string> staff) => data with
    {
        Deficiencies = data.Deficiencies?.Select(d => d with { RaisedBy = null, Problem = Text(d.Problem, staff) }).ToList(),
    };

    /// <summary>A document's data for the applicant: deficiencies without who raised them, staff names out of typed words.</summary>
    public static DocumentData Document(DocumentData data, IReadOnlySet<string> staff) => data with
    {
        Deficiencies = [.. data.Deficiencies.Select(d => d with { RaisedBy = null, Problem = Text(d.Problem, staff) })],
        Reason = data.Reason is { } reason ? Text(reason, staff) : null,
        Comment = data.Comment is { } comment ? Text(comment, staff) : null,
        DecidedBy = null,
    };

    /// <summary>
    /// A journal entry's facts for the applicant: no fact that names staff (<c>by</c>, <c>reviewer</c>, <c>coordinator</c>,
    /// or a value that is a staff user name), an address only to its district, staff names out of typed words.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Args(IReadOnlyDictionary<string, string> args, IReadOnlySet<string> staff)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in args)
        {
            if (IsStaffField(key) || staff.Contains(value))
            {
                continue;
            }

            kept[key] = key.Contains("address", StringComparison.OrdinalIgnoreCase) ? Mask.Address(value) : Text(value, staff);
        }

        return kept;
    }

    /// <summary>Free text (a journal line) with every known staff user name replaced by a neutral word.</summary>
    public static string Text(string text, IReadOnlySet<string> staff)
    {
        foreach (var name in staff.OrderByDescending(n => n.Length))
        {
            // ASCII boundaries: user names are ASCII, and Chinese text runs straight into them (请联系gz2).
            text = Regex.Replace(text, $"(?<![A-Za-z0-9_.-]){Regex.Escape(name)}(?![A-Za-z0-9_.-])", "工作人员",
                RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        return text;
    }

    private static bool IsStaffField(string key) =>
        StaffFields.Contains(key) || (key.Length > 2 && key.EndsWith("By", StringComparison.Ordinal));
}
