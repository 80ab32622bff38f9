namespace ServiceHall.Api.Tests;

/// <summary>One embedded silo shared by the scenario, pinning, bad-input and isolation tests (each makes its own cases).</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedApiCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "embedded-api";
}
