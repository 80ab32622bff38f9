using Microsoft.AspNetCore.Http;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Cases;

/// <summary>
/// RFC 7240 <c>Prefer: return=minimal</c> on a case command: the client does not want the case back (the pages re-read
/// their own fragment after an action), so a success answers with what a client needs to go on — id, status, stage and
/// version (also the ETag) — instead of the full case view, whose JSON was the largest HTTP-side cost of a command
/// (issue 20). Without the preference the answer is the full case as before; a refusal is the same problem either way.
/// </summary>
public static class ReturnPreference
{
    public const string Header = "Prefer";
    public const string AppliedHeader = "Preference-Applied";
    public const string Minimal = "return=minimal";

    /// <summary>True when one of the request's preferences is <c>return=minimal</c> (parameters after it ignored).</summary>
    public static bool WantsMinimal(HttpRequest request)
    {
        foreach (var value in request.Headers[Header])
        {
            foreach (var preference in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var token = preference.Split(';', 2)[0].Trim();
                var equals = token.IndexOf('=');
                if (equals > 0
                    && token[..equals].Trim().Equals("return", StringComparison.OrdinalIgnoreCase)
                    && token[(equals + 1)..].Trim().Trim('"').Equals("minimal", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The minimal success answer, marked as applied (RFC 7240 §3), from the headline the grain sent instead of a view
    /// (the command carried <see cref="CaseActionCommand.MinimalAnswer"/>).
    /// </summary>
    public static IResult Summary(HttpContext context, CaseHeadline headline)
    {
        context.Response.Headers[AppliedHeader] = Minimal;
        return TypedResults.Ok(new CaseCommandSummary(headline.Id, headline.Status, headline.Stage, headline.Version));
    }
}

/// <summary>A command's answer under <c>Prefer: return=minimal</c>; <c>GET /api/cases/{id}</c> has the rest.</summary>
public sealed record CaseCommandSummary(string Id, string Status, string Stage, long Version);
