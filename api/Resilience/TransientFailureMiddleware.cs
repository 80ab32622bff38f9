using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Resilience;

/// <summary>
/// Bounded retry (attempts and an overall time budget) of a whole request after a passing failure of a grain call (a silo died mid-call, PostgreSQL did not
/// answer), then 503 with <c>Retry-After</c>. Only requests that are safe to repeat are retried here: reads, and
/// commands that carry an <c>Idempotency-Key</c> (the case grain answers a repeated key with its first result, so a
/// command whose acknowledgement was lost is never applied twice). Anything else gets the 503 at once, and since every
/// command is one durable write, a 503 means the command was not applied, or — only when the write's acknowledgement
/// itself was lost — that repeating it with its key returns the first result.
/// </summary>
internal sealed class TransientFailureMiddleware(
    RequestDelegate next, IOptions<ResilienceOptions> options, TimeProvider time, ILogger<TransientFailureMiddleware> logger)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        var repeatable = IsRepeatable(context.Request);
        if (repeatable && context.Request.ContentLength is not 0)
        {
            context.Request.EnableBuffering();
        }

        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception exception) when (!context.Response.HasStarted
                && !context.RequestAborted.IsCancellationRequested
                && TransientFailures.Classify(exception) is var failure and not TransientFailure.None)
            {
                if (repeatable
                    && RetryPacing.NextDelay(settings, attempt, time.GetElapsedTime(started), Random.Shared) is { } delay)
                {
                    logger.LogInformation("{Method} {Path}: {Failure} failure on attempt {Attempt} ({Message}); retrying",
                        context.Request.Method, RequestPathMask.For(context.Request), failure, attempt, exception.Message);
                    await Task.Delay(delay, time, context.RequestAborted);
                    context.Response.Clear();
                    if (context.Request.Body.CanSeek)
                    {
                        context.Request.Body.Position = 0;
                    }

                    continue;
                }

                logger.LogWarning("{Method} {Path}: {Failure} failure after {Attempts} attempt(s) in {Elapsed}, answering 503: {Message}",
                    context.Request.Method, RequestPathMask.For(context.Request), failure, attempt, time.GetElapsedTime(started), exception.Message);
                await WriteUnavailableAsync(context, failure, settings);
                return;
            }
        }
    }

    private static bool IsRepeatable(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
        || !string.IsNullOrWhiteSpace(request.Headers[IdempotencyHeader]);

    private static Task WriteUnavailableAsync(HttpContext context, TransientFailure failure, ResilienceOptions settings)
    {
        context.Response.Clear();
        var seconds = failure == TransientFailure.Storage ? settings.StorageRetryAfterSeconds : settings.ClusterRetryAfterSeconds;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var refusal = failure == TransientFailure.Storage
            ? FieldError.Of(null, ErrorCodes.ServiceStoreUnreachable,
                "The case store is unreachable; nothing was changed. Try again shortly (repeat commands with the same Idempotency-Key).")
            : FieldError.Of(null, ErrorCodes.ServiceFailingOver,
                "The cluster is moving work off a failed server; nothing was lost. Try again shortly (repeat commands with the same Idempotency-Key).");
        return Problems.Result(StatusCodes.Status503ServiceUnavailable, refusal).ExecuteAsync(context);
    }
}
