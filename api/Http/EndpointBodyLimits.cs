using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Http;

/// <summary><c>ServiceHall:RequestLimits</c>: how large a request body an endpoint takes unless it names its own limit.</summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "ServiceHall:RequestLimits";

    /// <summary>JSON commands are a few KB; Kestrel's 30 MB default let anyone make the silo buffer megabytes per request.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>An endpoint's own body limit (uploads, definition documents), instead of <see cref="RequestLimitOptions.MaxBodyBytes"/>.</summary>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

public static class EndpointBodyLimits
{
    public static TBuilder WithBodySizeLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new BodySizeLimit(bytes));

    public static IServiceCollection AddEndpointBodyLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.SectionName)
            .Validate(o => o.MaxBodyBytes > 0, $"{RequestLimitOptions.SectionName}:MaxBodyBytes must be positive.").ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Runs after routing: gives every endpoint its body limit before anything reads the body, and turns a body that
    /// grows past it into a 413 problem naming <c>body</c>, whichever reader noticed.
    /// </summary>
    public static IApplicationBuilder UseEndpointBodyLimits(this IApplicationBuilder app)
    {
        var defaults = app.ApplicationServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
        return app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            // SignalR bounds each message itself (MaximumReceiveMessageSize); its transports stream, never buffer a body.
            if (endpoint is not null && endpoint.Metadata.GetMetadata<HubMetadata>() is null
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } own
                    ? own.MaxRequestBodySize
                    : defaults.MaxBodyBytes;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException exception)
                when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                await TooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize).ExecuteAsync(context);
            }
        });
    }

    public static IResult TooLarge(long? limit) => Problems.Result(StatusCodes.Status413PayloadTooLarge, limit is { } bytes
        ? FieldError.Of("body", ErrorCodes.BodyTooLarge, $"The request body is larger than this endpoint takes ({bytes} bytes).", ("max", bytes))
        : FieldError.Of("body", ErrorCodes.BodyTooLargeUnbounded, "The request body is too large."));
}
