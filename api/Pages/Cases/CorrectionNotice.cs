using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Pages.Cases;

/// <summary>
/// The open correction notice (补正通知) of a case: the step waiting for the resubmission and every deficiency it
/// lists, from the step's typed data.
/// </summary>
public sealed record CorrectionNotice(string StepId, int Round, DateTimeOffset? DueAt, IReadOnlyList<DeficiencyView> Deficiencies)
{
    /// <summary>The notice the open step <paramref name="stepId"/> (or any open step) waits on, or null when none is open.</summary>
    public static CorrectionNotice? Open(CaseView view, string? stepId = null)
    {
        var step = view.OpenSteps.FirstOrDefault(s => s.Actions.Contains("resubmit") && (stepId is null || s.Id == stepId));
        if (step?.Data.Deficiencies is not { } deficiencies)
        {
            return null;
        }

        return new CorrectionNotice(step.Id, step.Data.Round ?? 1, step.DueAt, [.. deficiencies.Where(d => d.Id.Length > 0)]);
    }
}
