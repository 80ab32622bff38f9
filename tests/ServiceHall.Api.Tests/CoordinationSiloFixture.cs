namespace ServiceHall.Api.Tests;

/// <summary>
/// A silo for key-project coordination: the test clock (moved by the tests), a second Tianhe coordinator so the
/// least-loaded rule has a choice, a third department's reviewer for sequential steps, and a second market-regulation
/// reviewer to reassign to.
/// </summary>
public sealed class CoordinationSiloFixture : SiloFixture
{
    /// <summary>Friday 7 March 2025, 15:00 in Guangzhou: the tests' clock starts here and only moves when they move it.</summary>
    public static readonly DateTimeOffset ClockStart = new(2025, 3, 7, 15, 0, 0, TimeSpan.FromHours(8));

    protected override IEnumerable<string> ExtraSettings =>
    [
        $"--ServiceHall:TestClock:Start={ClockStart:O}",
        .. Staff(0, "coordinator3", "coordinator", "District", "tianhe"),
        .. Staff(1, "reviewer3", "reviewer", "Department", "natural-resources-planning"),
        .. Staff(2, "reviewer-b", "reviewer", "Department", "market-regulation"),
    ];

    private static IEnumerable<string> Staff(int index, string username, string role, string scope, string value) =>
    [
        $"--ServiceHall:Organisation:Staff:{index}:Username={username}",
        $"--ServiceHall:Organisation:Staff:{index}:DisplayName={username}",
        $"--ServiceHall:Organisation:Staff:{index}:Role={role}",
        $"--ServiceHall:Organisation:Staff:{index}:{scope}={value}",
        $"--ServiceHall:Organisation:Staff:{index}:Password=servicehall",
    ];
}

[CollectionDefinition(Name)]
public sealed class CoordinationApiCollection : ICollectionFixture<CoordinationSiloFixture>
{
    public const string Name = "coordination-api";
}
