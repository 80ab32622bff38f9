using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// A case seen as an Elsa workflow instance. An open case waits on people (Elsa: Running/Suspended); a workflow that
/// faulted leaves its case open for an operator, so it stays Running with sub-status Faulted; a case that reached a
/// final status is Finished, Cancelled when withdrawn or cancelled.
/// </summary>
public static class InstanceStatuses
{
    public const string Running = "Running";
    public const string Finished = "Finished";

    public static readonly string[] StatusNames = [Running, Finished];
    public static readonly string[] SubStatusNames = ["Pending", "Executing", "Suspended", "Finished", "Cancelled", "Faulted", "Interrupted"];

    private static readonly string[] OpenStatuses = [CaseStatuses.Open, CaseStatuses.Suspended];
    private static readonly string[] DoneStatuses = [CaseStatuses.Completed, CaseStatuses.Rejected, CaseStatuses.Denied];
    private static readonly string[] CancelledStatuses = [CaseStatuses.Withdrawn, CaseStatuses.Cancelled];

    public static (string Status, string SubStatus) Of(string caseStatus, string workflowStatus) =>
        DoneStatuses.Contains(caseStatus) ? (Finished, "Finished")
        : CancelledStatuses.Contains(caseStatus) ? (Finished, "Cancelled")
        : workflowStatus == "Faulted" ? (Running, "Faulted")
        : (Running, "Suspended");

    /// <summary>
    /// The case query that selects the instances with these statuses and sub-statuses (null: no filter on that part);
    /// null when no case can match.
    /// </summary>
    public static CaseQuery? Filter(CaseQuery query, IReadOnlyCollection<string>? statuses, IReadOnlyCollection<string>? subStatuses)
    {
        IEnumerable<string>? caseStatuses = null;
        if (statuses is { Count: > 0 })
        {
            caseStatuses = statuses.SelectMany(s => s == Running ? OpenStatuses : [.. DoneStatuses, .. CancelledStatuses]);
        }

        IReadOnlyList<string>? workflowStatuses = null;
        if (subStatuses is { Count: > 0 })
        {
            var bySub = subStatuses.SelectMany(s => s switch
            {
                "Suspended" or "Faulted" => OpenStatuses,
                "Finished" => DoneStatuses,
                "Cancelled" => CancelledStatuses,
                _ => [],
            });
            caseStatuses = caseStatuses is null ? bySub : caseStatuses.Intersect(bySub);

            var faulted = subStatuses.Contains("Faulted");
            var healthy = subStatuses.Any(s => s is "Suspended" or "Finished" or "Cancelled");
            workflowStatuses = faulted && healthy ? null : faulted ? ["Faulted"] : ["Running", "Finished"];
        }

        var allowed = caseStatuses?.Distinct().ToList();
        return allowed is { Count: 0 } ? null : query with { Statuses = allowed, WorkflowStatuses = workflowStatuses };
    }
}
