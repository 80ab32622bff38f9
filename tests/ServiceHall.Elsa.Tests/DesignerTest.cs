namespace ServiceHall.Elsa.Tests;

/// <summary>A test class of the shared silo's collection that speaks to it as the studio does for the demo designer.</summary>
public abstract class DesignerTest(ElsaSilo silo) : IAsyncLifetime
{
    protected ElsaSilo Silo { get; } = silo;

    protected StudioClient Designer { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Designer = await StudioClient.SignedInAsync(Silo.BaseUrl, "designer");

    public virtual Task DisposeAsync()
    {
        Designer.Dispose();
        return Task.CompletedTask;
    }
}
