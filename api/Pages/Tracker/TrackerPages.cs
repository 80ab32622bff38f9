using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Api.Pages.Cases;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Pages.Tracker;

/// <summary>
/// <c>/track</c>: the applicant's tracker, public, reached only with the case's tracking code (<c>?code=</c>, or
/// <c>/track/{code}</c> as printed on the receipt), and <c>/track/{code}/fragment</c>, its live part rendered alone.
/// An unknown code gets one message whatever the reason, so the page says nothing about other cases.
/// </summary>
public static class TrackerPages
{
    public static IEndpointRouteBuilder MapTrackerPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPage("/track", GetTrackerPage);
        endpoints.MapPage("/track/{code}", (string code) => Results.LocalRedirect("/track?code=" + Uri.EscapeDataString(code)));
        endpoints.MapFragment("/track/{code}/fragment", GetTrackerFragment);
        return endpoints;
    }

    private static async Task<IResult> GetTrackerPage(IGrainFactory grains, OrganisationDirectory organisation, string? code)
    {
        var entered = Normalize(code);
        var model = entered.Length == 0 ? null : await LoadAsync(grains, organisation, entered);
        return new RazorComponentResult<TrackerPage>(new Dictionary<string, object?>
        {
            [nameof(TrackerPage.Code)] = entered,
            [nameof(TrackerPage.Model)] = model,
        })
        {
            StatusCode = entered.Length > 0 && model is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK,
        };
    }

    private static async Task<IResult> GetTrackerFragment(IGrainFactory grains, OrganisationDirectory organisation, string code)
    {
        var model = await LoadAsync(grains, organisation, Normalize(code));
        if (model is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, CommonRefusals.NoTrackedCase);
        }

        return new RazorComponentResult<TrackerDetail>(new Dictionary<string, object?> { [nameof(TrackerDetail.Model)] = model });
    }

    /// <summary>Codes are read out and retyped: spaces and dashes are dropped, letters upper-cased.</summary>
    public static string Normalize(string? code) =>
        new([.. (code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);

    private static async Task<TrackerModel?> LoadAsync(IGrainFactory grains, OrganisationDirectory organisation, string code)
    {
        if (!CaseIds.LooksLikeTrackingCode(code)
            || await grains.GetGrain<ITrackingGrain>(ITrackingGrain.Key(code)).GetCaseIdAsync() is not { } caseId
            || (await grains.GetGrain<ICaseGrain>(caseId).TrackAsync(code)).Case is not { } view)
        {
            return null;
        }

        return new TrackerModel(view, await CaseNames.LoadAsync(grains, organisation, view.ServiceItem.Code), code);
    }
}

/// <summary>What the tracker renders: the applicant's masked view of the case, the names it refers to, and the code.</summary>
public sealed record TrackerModel(CaseView Case, CaseNames Names, string Code)
{
    /// <summary>Internal escalations (SLA alerts to the hall's manager) are not the applicant's timeline.</summary>
    public IReadOnlyList<CaseJournalEntry> Timeline => [.. Case.Journal.Where(e => e.Kind != CaseJournalKinds.SlaThreshold && e.Action != "sla-alert")];

    /// <summary>The stage on the progress line: while awaiting a correction, the stage that asked for it.</summary>
    public string ProgressStage => Case.Stage == "awaiting-correction"
        ? Case.Journal.LastOrDefault(e => e.ToStage == "awaiting-correction" && e.FromStage != "awaiting-correction")?.FromStage ?? "acceptance"
        : Case.Stage;

    public CaseActionView? ApplicantAction(string name) => Case.AvailableActions.FirstOrDefault(a => a.Name == name && a.Role == "applicant");

    public string ActionEndpoint(string name) => $"/api/track/{Uri.EscapeDataString(Code)}/actions/{Uri.EscapeDataString(name)}";

    public string DocumentsUrl => $"/api/track/{Uri.EscapeDataString(Code)}/documents";
}
