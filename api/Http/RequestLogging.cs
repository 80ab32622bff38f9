using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceHall.Api.Http;

/// <summary>
/// One log line per request (ASP.NET Core's HTTP logging, category <c>Microsoft.AspNetCore.HttpLogging</c>, off
/// unless that category is set to Information): method, masked path and query (<see cref="RequestPathMask"/>), status
/// and duration. No headers or bodies — they carry tokens, names and scans. Health probes are left out: an
/// orchestrator asks every few seconds.
/// </summary>
public static class RequestLogging
{
    public static IServiceCollection AddServiceHallRequestLogging(this IServiceCollection services)
    {
        services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        services.AddSingleton<IHttpLoggingInterceptor, MaskingInterceptor>();
        return services;
    }

    public static IApplicationBuilder UseServiceHallRequestLogging(this IApplicationBuilder app) => app.UseHttpLogging();

    private sealed class MaskingInterceptor : IHttpLoggingInterceptor
    {
        public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
        {
            var request = logContext.HttpContext.Request;
            if (request.Path.StartsWithSegments("/health"))
            {
                logContext.LoggingFields = HttpLoggingFields.None;
                return ValueTask.CompletedTask;
            }

            // The raw path (and query, should anyone add that field) never reaches the log; the masked form does.
            logContext.TryDisable(HttpLoggingFields.RequestPath | HttpLoggingFields.RequestQuery);
            logContext.AddParameter("Path", RequestPathMask.For(request));
            return ValueTask.CompletedTask;
        }

        public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
    }
}
