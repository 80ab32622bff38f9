using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Catalog;

/// <summary><c>/api/catalog</c>: the service items (public to read, admins edit) and <c>/api/halls</c>.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        var catalog = endpoints.MapGroup("/api/catalog").WithTags("Catalogue");
        catalog.MapGet("/items", GetItems).WithName("GetCatalogItems").WithSummary("All service items.").Produces<IReadOnlyList<ServiceItem>>();
        catalog.MapGet("/items/{code}", GetItem).WithName("GetCatalogItem").WithSummary("One service item and its material rules.")
            .Produces<ServiceItem>().ProducesProblem(StatusCodes.Status404NotFound);
        catalog.MapPut("/items/{code}", PutItem).WithName("PutCatalogItem").WithSummary("Create or replace a service item (admin).")
            .Accepts<ServiceItem>("application/json")
            .Produces<ServiceItem>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(AuthExtensions.AdminPolicy);
        endpoints.MapGet("/api/halls", GetHalls).WithTags("Catalogue").WithName("GetHalls").WithSummary("Halls and their windows.")
            .Produces<IReadOnlyList<Hall>>();
        return endpoints;
    }

    public static async Task<IResult> GetItems(IGrainFactory grains) =>
        TypedResults.Ok(await Catalogue(grains).GetItemsAsync());

    public static async Task<IResult> GetItem(IGrainFactory grains, string code) =>
        await Catalogue(grains).GetItemAsync(code) is { } item
            ? TypedResults.Ok(item)
            : Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("code", ErrorCodes.ServiceItemUnknown, $"No service item '{code}'."));

    public static async Task<IResult> PutItem(HttpRequest request, IGrainFactory grains, string code)
    {
        var (item, problem) = await JsonBody.ReadAsync<ServiceItem>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!string.Equals(item!.Code, code, StringComparison.Ordinal))
        {
            return Problems.BadRequest(FieldError.Of("code", ErrorCodes.CatalogCodeMismatch, $"The body's code '{item.Code}' differs from the URL's '{code}'."));
        }

        try
        {
            return TypedResults.Ok(await Catalogue(grains).PutItemAsync(item));
        }
        catch (CatalogValidationException exception)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, exception.Errors);
        }
    }

    public static IResult GetHalls(OrganisationDirectory organisation) => TypedResults.Ok(organisation.Halls);

    private static ICatalogGrain Catalogue(IGrainFactory grains) => grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main);
}
