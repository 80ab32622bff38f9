using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Expressions;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// The <c>descriptors/*</c> endpoints the designer calls when it opens (compat notes §3.3 rows 16–25, 27). Every one
/// answers 200 with a list, empty where ServiceHall has nothing to offer: any other answer becomes an unhandled
/// error in the studio.
/// </summary>
public static class ActivityDescriptorsApi
{
    // Variables live in the case's own state; the Variables tab needs at least a name to pick.
    private static readonly JsonObject CaseStorageDriver = new()
    {
        ["typeName"] = "ServiceHall.CaseState",
        ["displayName"] = "Case state",
        ["priority"] = 0,
        ["deprecated"] = false,
    };

    public static RouteGroupBuilder MapActivityDescriptorsApi(this RouteGroupBuilder elsa)
    {
        var descriptors = elsa.MapGroup("/descriptors").WithTags("Elsa descriptors");
        descriptors.MapGet("/activities", Activities).WithName("ListActivityDescriptors")
            .WithSummary("Every activity type (ServiceHall.* in the \"Service Hall\" group) and placeholders for unknown stored ones; Refresh is ignored.");
        descriptors.MapPost("/activities/{typeName}/options/{propertyName}", ActivityInputOptions).WithName("RefreshActivityInputOptions")
            .WithSummary("The uiSpecifications of one input.");
        descriptors.MapGet("/expression-descriptors", ExpressionKinds).WithName("ListExpressionDescriptors").WithSummary("Literal, Object, Variable, Input, JavaScript.");
        descriptors.MapGet("/variables", VariableTypes).WithName("ListVariableTypes").WithSummary("The variable types a designer may pick.");
        descriptors.MapGet("/storage-drivers", StorageDrivers).WithName("ListStorageDrivers").WithSummary("Where variables are kept: the case's state.");
        descriptors.MapGet("/workflow-activation-strategies", Empty).WithName("ListWorkflowActivationStrategies").WithSummary("None: a case starts its workflow.");
        descriptors.MapGet("/log-persistence-strategies", Empty).WithName("ListLogPersistenceStrategies").WithSummary("None: the case keeps its whole journal.");
        descriptors.MapGet("/incident-strategies", Empty).WithName("ListIncidentStrategies").WithSummary("None: a failing path stops and the rest carries on.");
        descriptors.MapGet("/commit-strategies/workflows", Empty).WithName("ListWorkflowCommitStrategies").WithSummary("None: a case commits once per command.");
        descriptors.MapGet("/commit-strategies/activities", Empty).WithName("ListActivityCommitStrategies").WithSummary("None: a case commits once per command.");
        descriptors.MapGet("/output-converters", Empty).WithName("ListOutputConverters").WithSummary("None.");
        return elsa;
    }

    public static async Task<IResult> Activities(StudioActivityDescriptors descriptors) =>
        ElsaJson.List((await descriptors.AllAsync()).Select(ElsaJson.ToNode));

    public static async Task<IResult> ActivityInputOptions(StudioActivityDescriptors descriptors, string typeName, string propertyName)
    {
        var input = (await descriptors.AllAsync()).FirstOrDefault(d => d.TypeName == typeName)?.FindInput(propertyName);
        return input is null
            ? Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("propertyName", "activity.inputNotFound", $"Activity type '{typeName}' has no input '{propertyName}'.", ("type", typeName), ("input", propertyName))])
            : ElsaJson.Ok(new JsonObject { ["items"] = input.UiSpecifications?.DeepClone() ?? new JsonObject() });
    }

    public static IResult ExpressionKinds() => ElsaJson.List(ExpressionDescriptors.All.Select(ElsaJson.ToNode));

    public static IResult VariableTypes() => ElsaJson.List(VariableTypeDescriptors.All.Select(ElsaJson.ToNode));

    public static IResult StorageDrivers() => ElsaJson.List([CaseStorageDriver.DeepClone()]);

    public static IResult Empty() => ElsaJson.List([]);
}
