using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// The remaining calls the studio makes (compat notes §3.3 rows 26, 28, 29): installed features, JavaScript type
/// definitions for the script editor, resilience strategies.
/// </summary>
public static class StudioSupportApi
{
    /// <summary>What ServiceHall scripts can call (workflows/README), so the editor completes and checks them.</summary>
    private const string ScriptTypeDefinitions = """
        /** Workflow variables by name. */
        declare const variables: { [name: string]: any };
        /** The input the case started its workflow with (serviceItemCode, channel, hall, department, …). */
        declare const input: { [name: string]: any };
        declare function getVariable(name: string): any;
        declare function setVariable(name: string, value: any): void;
        declare function getInput(name: string): any;
        """;

    public static RouteGroupBuilder MapStudioSupportApi(this RouteGroupBuilder elsa)
    {
        // Listing no feature keeps the studio polling instead of opening a SignalR hub, and hides the resilience UI.
        elsa.MapGet("/features/installed", () => ElsaJson.List([])).WithTags("Elsa studio support").WithName("ListInstalledFeatures")
            .WithSummary("None: the studio polls instances instead of using SignalR.");
        elsa.MapPost("/scripting/javascript/type-definitions/{definitionId}", TypeDefinitions).WithTags("Elsa studio support")
            .WithName("GetJavaScriptTypeDefinitions").WithSummary("TypeScript declarations of the script globals.");
        elsa.MapGet("/resilience/strategies", () => ElsaJson.List([])).WithTags("Elsa studio support").WithName("ListResilienceStrategies")
            .WithSummary("None.");
        return elsa;
    }

    public static IResult TypeDefinitions(string definitionId) => TypedResults.Text(ScriptTypeDefinitions, "application/x-typescript; charset=utf-8");
}
