using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Http;

namespace ServiceHall.Api.Elsa;

/// <summary>The Elsa 3 API the stock Elsa Studio 3.8.2 needs, at <c>/elsa/api</c>, and the studio itself at <c>/studio/</c>.</summary>
public static class ElsaApi
{
    public const string BasePath = "/elsa/api";

    public const long MaxDefinitionBodyBytes = 4 * 1024 * 1024;

    public static IServiceCollection AddElsaApi(this IServiceCollection services)
    {
        services.AddElsaPolicies();
        services.AddSingleton<StudioActivityDescriptors>();
        services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.SectionName);
        return services;
    }

    /// <summary>
    /// Every endpoint needs a designer, admin or manager (anonymous: 401, other staff: 403); those that change
    /// definitions need a designer or admin.
    /// </summary>
    public static IEndpointRouteBuilder MapElsaApi(this IEndpointRouteBuilder endpoints)
    {
        // A definition document (activities, layout, scripts) is larger than a JSON command; designers only.
        var elsa = endpoints.MapGroup(BasePath).RequireAuthorization(ElsaPolicies.Readers).WithBodySizeLimit(MaxDefinitionBodyBytes);
        elsa.MapWorkflowDefinitionsApi()
            .MapWorkflowDefinitionEditsApi()
            .MapWorkflowDefinitionBulkApi()
            .MapWorkflowDefinitionFilesApi()
            .MapActivityDescriptorsApi()
            .MapStudioSupportApi()
            .MapWorkflowInstancesApi()
            .MapActivityExecutionsApi()
            .MapActivityTestsApi();
        endpoints.MapElsaStudio();
        return endpoints;
    }
}
