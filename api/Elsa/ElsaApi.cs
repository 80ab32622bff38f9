using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceHall.Api.Elsa;

/// <summary>The Elsa 3 API the stock Elsa Studio 3.8.2 needs, at <c>/elsa/api</c>, and the studio itself at <c>/studio/</c>.</summary>
public static class ElsaApi
{
    public const string BasePath = "/elsa/api";

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
        var elsa = endpoints.MapGroup(BasePath).RequireAuthorization(ElsaPolicies.Readers);
        elsa.MapWorkflowDefinitionsApi()
            .MapWorkflowDefinitionEditsApi()
            .MapWorkflowDefinitionBulkApi()
            .MapWorkflowDefinitionFilesApi()
            .MapActivityDescriptorsApi()
            .MapStudioSupportApi()
            .MapWorkflowInstancesApi()
            .MapActivityExecutionsApi();
        endpoints.MapElsaStudio();
        return endpoints;
    }
}
