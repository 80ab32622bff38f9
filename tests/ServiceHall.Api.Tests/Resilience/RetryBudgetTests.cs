using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using ServiceHall.Api.Resilience;

namespace ServiceHall.Api.Tests.Resilience;

/// <summary>
/// The retry middleware stops at its time budget, not only at its attempt count: a grain call may take up to Orleans'
/// 30 s response timeout, and four of those would keep a client waiting two minutes. The clock is a stepped one
/// (each failing attempt "takes" a chosen time) with real timers, so the test runs in milliseconds.
/// </summary>
public sealed class RetryBudgetTests
{
    [Fact]
    public async Task Slow_failing_attempts_end_in_503_with_retry_after_once_the_budget_is_spent()
    {
        var clock = new SteppedClock();
        var settings = new ResilienceOptions
        {
            MaxAttempts = 10, FirstDelay = TimeSpan.FromMilliseconds(1), RetryBudget = TimeSpan.FromSeconds(5),
        };
        var attempts = 0;
        var middleware = Middleware(settings, clock, _ =>
        {
            attempts++;
            clock.Advance(TimeSpan.FromSeconds(2)); // a grain call that hangs for 2 s, then fails
            throw new SiloUnavailableException();
        });
        var context = Get();

        await middleware.InvokeAsync(context);

        // The attempts end at 2 s, 4 s and 6 s; after the third the 5 s budget is spent, though 7 attempts remain.
        Assert.Equal(3, attempts);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Fast_failing_attempts_use_every_attempt_within_the_budget()
    {
        var clock = new SteppedClock();
        var settings = new ResilienceOptions
        {
            MaxAttempts = 4, FirstDelay = TimeSpan.FromMilliseconds(1), RetryBudget = TimeSpan.FromSeconds(5),
        };
        var attempts = 0;
        var middleware = Middleware(settings, clock, _ =>
        {
            attempts++;
            clock.Advance(TimeSpan.FromMilliseconds(10));
            throw new SiloUnavailableException();
        });
        var context = Get();

        await middleware.InvokeAsync(context);

        Assert.Equal(4, attempts);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public void Pauses_are_jittered_within_half_to_all_of_the_doubled_delay_and_stop_at_the_budget()
    {
        var settings = new ResilienceOptions
        {
            MaxAttempts = 4, FirstDelay = TimeSpan.FromMilliseconds(200), RetryBudget = TimeSpan.FromSeconds(5),
        };
        var random = new Random(7);
        var third = Enumerable.Range(0, 200)
            .Select(_ => RetryPacing.NextDelay(settings, 3, TimeSpan.Zero, random)!.Value)
            .ToList();

        Assert.All(third, delay => Assert.InRange(delay, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)));
        Assert.True(third.Distinct().Count() > 100, "pauses of simultaneous retries must differ");
        Assert.Null(RetryPacing.NextDelay(settings, 4, TimeSpan.Zero, random));
        Assert.Null(RetryPacing.NextDelay(settings, 1, TimeSpan.FromSeconds(4.9), random));
    }

    private static TransientFailureMiddleware Middleware(ResilienceOptions settings, TimeProvider clock, RequestDelegate next) =>
        new(next, Options.Create(settings), clock, NullLogger<TransientFailureMiddleware>.Instance);

    private static DefaultHttpContext Get()
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/api/cases";
        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Time moves only when the test says so; timers (the pauses) are the system's.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long ticks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref ticks);

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(Interlocked.Read(ref ticks));
    }
}
