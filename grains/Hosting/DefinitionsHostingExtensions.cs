using ServiceHall.Grains.Time;

namespace ServiceHall.Grains.Hosting;

public static class DefinitionsHostingExtensions
{
    /// <summary>
    /// Workflow definitions and the catalogue: seeds the shipped ones at start-up (the catalogue gains shipped items it lacks), and registers the system clock as the ServiceHall clock
    /// unless one is already registered (<see cref="ServiceHallClock.AddServiceHallClock"/> replaces it either way).
    /// </summary>
    public static ISiloBuilder AddServiceHallDefinitions(this ISiloBuilder silo)
    {
        silo.Services.TryAddServiceHallClock();
        silo.AddStartupTask<SeedShippedDataTask>();
        return silo;
    }
}
