namespace ServiceHall.TestSupport;

/// <summary>
/// The randomness tests draw (phone numbers, licence numbers): one seed per test run, chosen at random unless
/// SERVICEHALL_TEST_SEED gives it, and written into every failure's evidence so a failing draw can be repeated.
/// </summary>
public static class TestRandom
{
    private static readonly Lock Gate = new();
    private static readonly Random Source;

    static TestRandom()
    {
        Seed = int.TryParse(Environment.GetEnvironmentVariable("SERVICEHALL_TEST_SEED"), out var given) ? given : Random.Shared.Next();
        Source = new Random(Seed);
    }

    public static int Seed { get; }

    /// <summary>A number in [min, max), from the run's seeded sequence.</summary>
    public static int Next(int min, int max)
    {
        lock (Gate)
        {
            return Source.Next(min, max);
        }
    }
}
