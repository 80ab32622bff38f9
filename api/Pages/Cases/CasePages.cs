using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Pages.Cases;

/// <summary>
/// <c>/cases/{id}</c>, the staff case page, and <c>/cases/{id}/fragment</c>, its live part rendered alone so the
/// page's script re-renders it from the same Razor components after a push.
/// </summary>
public static class CasePages
{
    public static IEndpointRouteBuilder MapCasePages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPage("/cases/{id}", GetCasePage);
        endpoints.MapStaffFragment("/cases/{id}/fragment", GetCaseFragment,
            FieldError.Of("Authorization", ErrorCodes.SignInForCase, "Sign in to see this case."));
        return endpoints;
    }

    private static async Task<IResult> GetCasePage(ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string id)
    {
        var (model, outcome) = await LoadAsync(user, grains, organisation, id);
        return model is null
            ? new RazorComponentResult<CaseProblemPage>(new Dictionary<string, object?> { [nameof(CaseProblemPage.Outcome)] = outcome })
            {
                StatusCode = StatusOf(outcome),
            }
            : new RazorComponentResult<CasePage>(new Dictionary<string, object?> { [nameof(CasePage.Model)] = model });
    }

    private static async Task<IResult> GetCaseFragment(ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string id)
    {
        var (model, outcome) = await LoadAsync(user, grains, organisation, id);
        if (model is null)
        {
            return Problems.Result(StatusOf(outcome), outcome == CaseOutcome.Forbidden ? CommonRefusals.OutOfScope : CommonRefusals.NoCase(id));
        }

        return new RazorComponentResult<CaseDetail>(new Dictionary<string, object?> { [nameof(CaseDetail.Model)] = model });
    }

    private static async Task<(CaseDetailModel? Model, CaseOutcome Outcome)> LoadAsync(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string id)
    {
        if (!CaseIds.LooksLikeCaseId(id))
        {
            return (null, CaseOutcome.NotFound);
        }

        var actor = user.ToActor();
        var result = await grains.GetGrain<ICaseGrain>(id).GetAsync(actor);
        if (result.Case is not { } view)
        {
            return (null, result.Outcome);
        }

        var names = await CaseNames.LoadAsync(grains, organisation, view.ServiceItem.Code);
        var adminLinks = await CaseAdminLinks.ForAsync(grains, actor, view);
        return (new CaseDetailModel(view, names, actor.Role) { AdminLinks = adminLinks }, result.Outcome);
    }

    private static int StatusOf(CaseOutcome outcome) =>
        outcome == CaseOutcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
}

/// <summary>What the case page renders: the staff view of the case, the names it refers to, and who is looking.</summary>
public sealed record CaseDetailModel(CaseView Case, CaseNames Names, string ViewerRole)
{
    /// <summary>The actions the viewer may take now (the case policy's answer for this viewer), each once per step.</summary>
    public IReadOnlyList<CaseActionView> MyActions =>
        [.. Case.AvailableActions.Where(a => a.Role == ViewerRole).DistinctBy(a => (a.Name, a.StepId))];

    /// <summary>Actions waiting for someone else (another role, another hall or department, or the applicant).</summary>
    public IReadOnlyList<CaseActionView> OthersActions => Case.WaitingFor;

    /// <summary>The admin forms this viewer may use on this case (none for anyone but an admin).</summary>
    public CaseAdminLinks AdminLinks { get; init; } = CaseAdminLinks.None;
}
