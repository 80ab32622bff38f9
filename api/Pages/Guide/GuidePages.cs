using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Api.Pages.Guide;

/// <summary>
/// The service guides (办事指南), public like the tracker (and limited per address like every anonymous request):
/// <c>/guide</c> lists the catalogue by department with a search; <c>/guide/{code}</c> tells an applicant what to
/// bring, how long it takes, where and how to apply and collect, and shows the published workflow's steps.
/// </summary>
public static class GuidePages
{
    public static IEndpointRouteBuilder MapGuidePages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPage("/guide", GetGuideList);
        endpoints.MapPage("/guide/{code}", GetGuide);
        return endpoints;
    }

    private static async Task<RazorComponentResult<GuideListPage>> GetGuideList(IGrainFactory grains, string? q)
    {
        var catalogue = grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main);
        var departments = await catalogue.GetDepartmentsAsync();
        var words = (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var items = (await catalogue.GetItemsAsync())
            .Where(item => words.All(w => Searchable(item, departments).Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(item => item.Code, StringComparer.Ordinal)
            .ToList();
        return new RazorComponentResult<GuideListPage>(new Dictionary<string, object?>
        {
            [nameof(GuideListPage.Departments)] = departments,
            [nameof(GuideListPage.Items)] = items,
            [nameof(GuideListPage.Query)] = q?.Trim() ?? "",
        });
    }

    private static async Task<IResult> GetGuide(IGrainFactory grains, OrganisationDirectory organisation, string code)
    {
        var catalogue = grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main);
        if (code.Length > 64 || await catalogue.GetItemAsync(code) is not { } item)
        {
            return new RazorComponentResult<Errors.NotFoundPage> { StatusCode = StatusCodes.Status404NotFound };
        }

        // Each channel runs the workflow ServiceWorkflows picks for it (an instant-eligible item runs the instant
        // workflow only on the instant channel): one picture per workflow, with the channels that run it.
        var workflows = new List<GuideWorkflow>();
        foreach (var channels in item.Channels.GroupBy(channel => ServiceWorkflows.DefinitionFor(item, channel)))
        {
            var published = await grains.GetGrain<IWorkflowDefinitionGrain>(channels.Key).GetPublishedAsync();
            var definition = published is not null && WorkflowJson.TryParse(published.Json, out var parsed, out _) ? parsed : null;
            workflows.Add(new GuideWorkflow(channels.Key, [.. channels], definition, published?.Version));
        }

        return new RazorComponentResult<GuidePage>(new Dictionary<string, object?>
        {
            [nameof(GuidePage.Model)] = new GuideModel(item, await catalogue.GetDepartmentsAsync(), organisation.Halls, workflows),
        });
    }

    private static string Searchable(ServiceItem item, IReadOnlyList<Department> departments)
    {
        var department = departments.FirstOrDefault(d => d.Code == item.Department);
        return $"{item.Code} {item.NameZh} {item.NameEn} {item.Department} {department?.NameZh} {department?.NameEn}";
    }
}

/// <summary>One item's guide: the item, the names it refers to, the halls' windows, and the published workflows its channels run.</summary>
public sealed record GuideModel(
    ServiceItem Item, IReadOnlyList<Department> Departments, IReadOnlyList<Hall> Halls, IReadOnlyList<GuideWorkflow> Workflows)
{
    public string DepartmentName(bool english) =>
        Departments.FirstOrDefault(d => d.Code == Item.Department) is { } d ? (english ? d.NameEn : d.NameZh) : Item.Department;

    /// <summary>The halls' windows that take this item on each counter channel (online needs none).</summary>
    public IReadOnlyList<(Hall Hall, Window Window)> WindowsFor(string channel) =>
        [.. Halls.SelectMany(h => h.Windows.Where(w => w.Channel == channel).Select(w => (h, w)))];
}

/// <summary>A workflow the item's cases run, on which of its channels, as published now (null when none is).</summary>
public sealed record GuideWorkflow(string DefinitionId, IReadOnlyList<string> Channels, WorkflowDefinition? Definition, int? Version);
