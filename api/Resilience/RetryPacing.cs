namespace ServiceHall.Api.Resilience;

/// <summary>When (and whether) to try a request again after a passing failure.</summary>
public static class RetryPacing
{
    /// <summary>
    /// The pause before attempt <paramref name="attempt"/> + 1, or null when the attempts or the time budget are spent.
    /// The pause is exponential with "equal jitter" (half fixed, half random): after a silo dies, every request it
    /// failed retries at once, and without jitter they would hit the grain's new home in lockstep.
    /// </summary>
    public static TimeSpan? NextDelay(ResilienceOptions settings, int attempt, TimeSpan elapsed, Random random)
    {
        if (attempt >= settings.MaxAttempts)
        {
            return null;
        }

        var ceiling = settings.FirstDelay * Math.Pow(2, attempt - 1);
        var delay = ceiling / 2 + ceiling / 2 * random.NextDouble();
        // A retry that could not even start before the budget ends only delays the 503.
        return elapsed + delay < settings.RetryBudget ? delay : null;
    }
}
