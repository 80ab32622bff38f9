using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace ServiceHall.Silo.Logging;

/// <summary>
/// How the silo logs: readable single lines in a terminal, JSON lines everywhere else (containers, the chart, a pipe),
/// repeated warnings limited, and no raw request addresses from ASP.NET Core's hosting diagnostics.
/// </summary>
internal static class ServiceHallLogging
{
    /// <summary>The switch: <c>simple</c> (readable) or <c>json</c>; unset, the silo picks by whether stdout is a terminal.</summary>
    public const string FormatterKey = "Logging:Console:FormatterName";

    public static WebApplicationBuilder AddServiceHallLogging(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[FormatterKey]))
        {
            var formatter = DefaultFormatter(Console.IsOutputRedirected);
            // Runs after the configuration binding AddConsole registered, which found no name.
            builder.Services.Configure<ConsoleLoggerOptions>(options => options.FormatterName = formatter);
        }

        // The JSON and the readable formatter share FormatterOptions; the readable line needs a space after its stamp.
        builder.Services.PostConfigure<SimpleConsoleFormatterOptions>(options =>
        {
            if (options.TimestampFormat is { Length: > 0 } format && !format.EndsWith(' '))
            {
                options.TimestampFormat = format + " ";
            }
        });

        // "Request starting GET http://…/api/track/<code>" names the raw path and query; our own request log
        // (api RequestLogging) says the same with codes and search text masked.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        var limits = builder.Configuration.GetSection(RepeatLimitSettings.SectionName).Get<RepeatLimitSettings>() ?? new();
        limits.Validate();
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services =>
            new RepeatLimitingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(services), limits, TimeProvider.System)));
        return builder;
    }

    /// <summary>A person reads a terminal; a collector reads everything else.</summary>
    public static string DefaultFormatter(bool outputRedirected) =>
        outputRedirected ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple;
}
