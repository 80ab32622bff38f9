using System.Collections.Concurrent;

namespace ServiceHall.Silo.Logging;

/// <summary>
/// Wraps the logger factory so that a burst of one warning — a survivor's thousands of "Discarding rejection of
/// message" lines while the cluster notices a dead silo — cannot bury everything else: the first
/// <see cref="RepeatLimitSettings.PerInterval"/> of a kind pass, the rest are counted and reported once per interval.
/// Information and below (request lines, start-up) and critical events are never held back.
/// </summary>
internal sealed class RepeatLimitingLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;
    private readonly RepeatLimitSettings _settings;
    private readonly ConcurrentDictionary<(string Category, string Kind), Tally> _tallies = new();
    private readonly ITimer _timer;

    public RepeatLimitingLoggerFactory(ILoggerFactory inner, RepeatLimitSettings settings, TimeProvider time)
    {
        _inner = inner;
        _settings = settings;
        _timer = time.CreateTimer(_ => EndInterval(), null, settings.Interval, settings.Interval);
    }

    public ILogger CreateLogger(string categoryName) => new LimitedLogger(_inner.CreateLogger(categoryName), categoryName, this);

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose()
    {
        _timer.Dispose();
        EndInterval();
        _inner.Dispose();
    }

    /// <summary>Whether this event may be written now; counts it either way.</summary>
    private bool Admit(ILogger logger, string category, string kind, LogLevel level, EventId eventId)
    {
        var tally = _tallies.GetOrAdd((category, kind), _ => new Tally(logger, level, eventId));
        lock (tally)
        {
            tally.Seen++;
            return tally.Seen <= _settings.PerInterval;
        }
    }

    /// <summary>Reports what each kind lost in the interval just ended and starts the next one.</summary>
    internal void EndInterval()
    {
        foreach (var ((category, kind), tally) in _tallies)
        {
            int suppressed;
            lock (tally)
            {
                suppressed = tally.Seen - _settings.PerInterval;
                tally.Seen = 0;
            }

            if (suppressed > 0)
            {
                tally.Logger.Log(tally.Level, tally.EventId, "Suppressed {Count} similar messages ({Kind}) in the last {Seconds} s",
                    suppressed, kind, (int)_settings.Interval.TotalSeconds);
            }
        }
    }

    /// <summary>Events of one kind share an event id, or else a message template.</summary>
    private static string KindOf<TState>(EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id != 0)
        {
            return eventId.Name is { Length: > 0 } name ? $"{eventId.Id} {name}" : eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (state is IReadOnlyList<KeyValuePair<string, object?>> values
            && values.Count > 0 && values[^1] is { Key: "{OriginalFormat}", Value: string template })
        {
            return template;
        }

        return formatter(state, exception);
    }

    private sealed class Tally(ILogger logger, LogLevel level, EventId eventId)
    {
        public ILogger Logger { get; } = logger;

        public LogLevel Level { get; } = level;

        public EventId EventId { get; } = eventId;

        public int Seen { get; set; }
    }

    private sealed class LimitedLogger(ILogger inner, string category, RepeatLimitingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel is LogLevel.Warning or LogLevel.Error
                && inner.IsEnabled(logLevel)
                && !owner.Admit(inner, category, KindOf(eventId, state, exception, formatter), logLevel, eventId))
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
