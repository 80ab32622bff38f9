using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Http;

/// <summary>
/// RFC 9457 problem details as every ServiceHall 4xx answers: a stable <c>code</c> per refused rule (the
/// <see cref="ErrorCatalog"/>'s), <c>errors</c> naming every refused field at once, and <c>detail</c>, <c>title</c>
/// and messages in the request's language (Chinese unless the request asks for English).
/// <code>
/// { "status": 400, "title": "…", "detail": "…", "code": "field.required", "field": "deficiencies[1].problem",
///   "errors": { "deficiencies[1].problem": ["必填。"] },
///   "issues": [ { "field": "deficiencies[1].problem", "code": "field.required", "detail": "必填。" } ] }
/// </code>
/// </summary>
public static class Problems
{
    /// <param name="code">A stable name of the rule refused (e.g. <c>department.unknown</c>); by default one for the status.</param>
    public static ProblemDetails Create(int status, string? field, string detail, object? extra = null, string? extraName = null, string? code = null) =>
        Create(status, [FieldError.Of(field, code ?? CodeOf(status), detail)], extra, extraName);

    /// <summary>One problem naming every refused rule, said in <paramref name="culture"/> (by default the current UI culture).</summary>
    public static ProblemDetails Create(int status, IReadOnlyList<FieldError> errors, object? extra = null, string? extraName = null, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var said = errors.Select(e => (Error: e, Text: ErrorCatalog.MessageOf(e, culture))).ToList();
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ErrorCatalog.TitleOf(status, culture) ?? TitleOf(status),
            Detail = said.Count == 1 && !NeedsField(said[0].Error)
                ? said[0].Text
                : string.Join(ErrorCatalog.ListSeparator(culture), said.Select(s => s.Error.Field is null ? s.Text : $"{s.Error.Field}: {s.Text}")),
            Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
        };
        if (said.Count > 0)
        {
            problem.Extensions["code"] = said[0].Error.Code;
        }

        if (said.FirstOrDefault(s => s.Error.Field is not null).Error is { } first)
        {
            problem.Extensions["field"] = first.Field;
            problem.Extensions["errors"] = said.Where(s => s.Error.Field is not null)
                .GroupBy(s => s.Error.Field!)
                .ToDictionary(g => g.Key, g => g.Select(s => s.Text).ToArray());
        }

        problem.Extensions["issues"] = said.Select(s => new ProblemIssue(s.Error.Field, s.Error.Code, s.Text)).ToArray();
        if (extra is not null && extraName is not null)
        {
            problem.Extensions[extraName] = extra;
        }

        return problem;
    }

    public static IResult Result(int status, string? field, string detail, object? extra = null, string? extraName = null, string? code = null) =>
        Result(status, [FieldError.Of(field, code ?? CodeOf(status), detail)], extra, extraName);

    /// <summary>The problem is worded when it is written, in the reader's language, wherever in the pipeline it is answered.</summary>
    public static IResult Result(int status, IReadOnlyList<FieldError> errors, object? extra = null, string? extraName = null) =>
        new LocalizedProblem(status, errors, extra, extraName);

    /// <summary>One refused rule, its code from <see cref="ErrorCodes"/>.</summary>
    public static IResult Result(int status, FieldError error, object? extra = null, string? extraName = null) =>
        Result(status, [error], extra, extraName);

    public static IResult BadRequest(FieldError error) => Result(StatusCodes.Status400BadRequest, [error]);

    public static IResult BadRequest(string field, string detail, string? code = null) => Result(StatusCodes.Status400BadRequest, field, detail, code: code);

    public static IResult BadRequest(IReadOnlyList<FieldError> errors) => Result(StatusCodes.Status400BadRequest, errors);

    /// <summary>The code a refusal carries when its site names none: the kind of refusal its status stands for.</summary>
    public static string CodeOf(int status) => status switch
    {
        400 => "request.invalid",
        401 => "auth.required",
        403 => "access.denied",
        404 => "resource.notFound",
        409 => "state.conflict",
        412 => "version.changed",
        413 => "request.tooLarge",
        422 => "request.unprocessable",
        429 => "quota.exceeded",
        503 => "service.unavailable",
        _ => "request.failed",
    };

    // A message that says only the rule ("is required") is read with its field when it stands alone in `detail`.
    private static bool NeedsField(FieldError error) => error.Field is not null && ErrorCatalog.IsGeneric(error.Code);

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

/// <summary>A problem result that picks its words from the reader's culture (<see cref="ReaderCulture"/>) as it is written.</summary>
internal sealed class LocalizedProblem(int status, IReadOnlyList<FieldError> errors, object? extra, string? extraName) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var culture = await ReaderCulture.OfAsync(httpContext);
        await TypedResults.Problem(Problems.Create(status, errors, extra, extraName, culture)).ExecuteAsync(httpContext);
    }
}

/// <summary>One refused rule of a problem: the field (a JSON path), the catalogue code, and its message in the request's language.</summary>
public sealed record ProblemIssue(string? Field, string Code, string Detail);
