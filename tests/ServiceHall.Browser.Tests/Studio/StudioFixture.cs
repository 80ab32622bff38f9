namespace ServiceHall.Browser.Tests.Studio;

/// <summary>
/// A silo (and browser) of the studio tests' own: they publish new versions of shipped definitions, which would change
/// the flow that cases in the other browser tests are opened on.
/// </summary>
public sealed class StudioFixture() : BrowserFixture("servicehall-studio");

[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "studio";
}
