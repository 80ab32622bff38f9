using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ServiceHall.Api.Http;

/// <summary>RFC 9457 problem details that name the offending field, as every ServiceHall 4xx does.</summary>
public static class Problems
{
    /// <param name="code">A stable name of the rule refused (e.g. <c>department.unknown</c>), so a page can say it in its own language.</param>
    public static ProblemDetails Create(int status, string? field, string detail, object? extra = null, string? extraName = null, string? code = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = TitleOf(status),
            Detail = detail,
            Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
        };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        if (extra is not null && extraName is not null)
        {
            problem.Extensions[extraName] = extra;
        }

        return problem;
    }

    public static IResult Result(int status, string? field, string detail, object? extra = null, string? extraName = null, string? code = null) =>
        TypedResults.Problem(Create(status, field, detail, extra, extraName, code));

    public static IResult BadRequest(string field, string detail) => Result(StatusCodes.Status400BadRequest, field, detail);

    private static string TitleOf(int status) => status switch
    {
        400 => "The request is malformed.",
        401 => "Sign in first.",
        403 => "Not allowed.",
        404 => "Not found.",
        409 => "Not possible in the current state.",
        412 => "The resource changed since you read it.",
        422 => "The request cannot be processed.",
        503 => "Temporarily unavailable.",
        _ => "Request failed.",
    };
}
