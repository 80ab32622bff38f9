using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ServiceHall.Api.Http;

/// <summary>
/// Applies an endpoint's body limit so that a client whose body is too large reads the 413 problem instead of a reset
/// connection. If the server answers and closes while the client is still sending, the client's next write fails
/// ("broken pipe" / ECONNRESET) and the answer is never read; browsers then show a network error. So a body declared
/// too large is discarded (read to its end, within <see cref="MaxDiscardBytes"/> of excess) before the caller answers;
/// a client that asked <c>Expect: 100-continue</c> is answered before it sends anything.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>Excess beyond the limit still read and thrown away; a body larger than that is answered and cut off.</summary>
    public const long MaxDiscardBytes = 32L * 1024 * 1024;

    /// <summary>
    /// True when the body may be read (at most <paramref name="limit"/> bytes, enforced by Kestrel from here on).
    /// False when its declared length is over the limit: the caller answers 413 without reading it.
    /// </summary>
    public static async ValueTask<bool> ApplyAsync(HttpContext context, long limit)
    {
        var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var declared = context.Request.ContentLength;
        if (declared is null || declared <= limit)
        {
            if (size is { IsReadOnly: false })
            {
                size.MaxRequestBodySize = limit;
            }

            return true;
        }

        if (ExpectsContinue(context.Request))
        {
            // Kestrel sends "100 Continue" only when the body is first read: answering now means it is never sent.
            context.Response.Headers.Connection = "close";
            return false;
        }

        if (declared - limit <= MaxDiscardBytes && size is { IsReadOnly: false })
        {
            size.MaxRequestBodySize = declared;
            try
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                return false;
            }
            catch (Exception exception) when (exception is IOException or BadHttpRequestException or OperationCanceledException)
            {
                // The client gave up or lied about the length; nobody is left to read the answer in full.
            }
        }

        context.Response.Headers.Connection = "close";
        return false;
    }

    private static bool ExpectsContinue(HttpRequest request) =>
        request.Headers.Expect.Any(value => value is not null && value.Contains("100-continue", StringComparison.OrdinalIgnoreCase));
}
