using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Definitions;

namespace ServiceHall.Api.Elsa;

/// <summary>A refused definition as a 400 the studio shows: <c>errors</c> keyed by activity id, each with its problems.</summary>
public static class DefinitionProblems
{
    public static IResult Rejected(DefinitionRejectedException rejected)
    {
        var problem = Problems.Create(StatusCodes.Status400BadRequest, "model", rejected.Message,
            rejected.Problems.Select(p => new { activityId = p.ActivityId, errorMessage = p.Problem }).ToList(), "validationErrors");
        // The studio shows every message of every key in its error snackbar; keying them by activity names the activity.
        problem.Extensions["errors"] = rejected.Problems
            .GroupBy(p => p.ActivityId ?? "definition")
            .ToDictionary(g => g.Key, g => g.Select(p => p.ActivityId is null ? p.Problem : $"{p.ActivityId}: {p.Problem}").ToArray());
        return TypedResults.Problem(problem);
    }
}
