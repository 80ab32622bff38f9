using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceHall.Api.Health;

/// <summary>
/// While the silo drains, every HTTP/1.x answer carries <c>Connection: close</c>. A client holding a keep-alive
/// connection (an ingress controller, a load generator) otherwise sends its next request on it just as Kestrel closes
/// idle connections, and sees a reset for a request the silo never read. Closed after an answer, the client opens its
/// next connection elsewhere (or is refused once the listener is gone), which is always safe to retry.
/// </summary>
internal static class DrainingConnectionClose
{
    public static IApplicationBuilder UseDrainingConnectionClose(this IApplicationBuilder app)
    {
        var drain = app.ApplicationServices.GetService<ShutdownDrain>();
        if (drain is null)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            if (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
            {
                // Decided when the answer starts, so a request that began before SIGTERM also closes its connection.
                context.Response.OnStarting(() =>
                {
                    if (drain.IsDraining)
                    {
                        context.Response.Headers.Connection = "close";
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
    }
}
