using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// A refused definition as a 400 the studio shows: <c>errors</c> keyed by activity id, each with its problems, every
/// message in the request's language from the error catalogue (the activity id stays as the designer named it).
/// </summary>
public static class DefinitionProblems
{
    public static IResult Rejected(DefinitionRejectedException rejected)
    {
        var said = rejected.Problems.Select(p => (Problem: p, Text: ErrorCatalog.MessageOf(ErrorOf(p)))).ToList();
        var problem = Problems.Create(StatusCodes.Status400BadRequest,
            [FieldError.Of("model", "definition.rejected", rejected.Message, ("problems", Describe(rejected)))],
            said.Select(s => new { activityId = s.Problem.ActivityId, errorMessage = s.Text, code = s.Problem.Code }).ToList(), "validationErrors");
        // The studio shows every message of every key in its error snackbar; keying them by activity names the activity.
        problem.Extensions["errors"] = said
            .GroupBy(s => s.Problem.ActivityId ?? "definition")
            .ToDictionary(g => g.Key, g => g.Select(s => s.Problem.ActivityId is null ? s.Text : $"{s.Problem.ActivityId}: {s.Text}").ToArray());
        return TypedResults.Problem(problem);
    }

    /// <summary>Every problem of a refused definition in one sentence of the request's language.</summary>
    public static string Describe(DefinitionRejectedException rejected) =>
        string.Join(ErrorCatalog.ListSeparator(), rejected.Problems.Select(p =>
            (p.ActivityId is null ? "" : p.ActivityId + ": ") + ErrorCatalog.MessageOf(ErrorOf(p))));

    /// <summary>Each problem of a refused definition as its own line in the request's language, the activity first.</summary>
    public static IEnumerable<string> Lines(DefinitionRejectedException rejected) =>
        rejected.Problems.Select(p => $"{p.ActivityId ?? "definition"}: {ErrorCatalog.MessageOf(ErrorOf(p))}");

    private static FieldError ErrorOf(DefinitionProblem problem) => new()
    {
        Field = problem.ActivityId,
        Code = problem.Code,
        Message = problem.Problem,
        Args = problem.Args,
    };
}
