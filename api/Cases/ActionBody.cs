using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Cases;

/// <summary>
/// An action's JSON body bound to the typed <see cref="CaseActionInput"/>, shared by the staff, applicant, resubmission
/// and coordination endpoints: a wrong type or a member the input does not have is a 400 naming its path; whether a
/// field is required is the action's own check, in the grain.
/// </summary>
internal static class ActionBody
{
    /// <summary>Reads the request body (empty counts as <c>{}</c>) within the endpoint's body limit and binds it.</summary>
    public static async Task<(CaseActionInput? Input, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, emptyIsObject: true);
        return problem is not null ? (null, problem) : Bind(body);
    }

    public static (CaseActionInput? Input, IResult? Problem) Bind(JsonObject body) =>
        JsonBody.Bind<CaseActionInput>(body, JsonBody.StrictOptions);
}
