using System.Reflection;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Grains.Tests;

/// <summary>
/// The PostgreSQL store keys state rows by state name, not grain type (orleans-adonet-contract.md, pitfall 2), and the
/// stored-case listing selects cases by state name alone; so no two grain classes may share a state name. Cases keep
/// their own tables now; the grain-state rows converted from (state name <c>case</c>) stay, so no grain may take that name.
/// </summary>
public sealed class GrainStateNamesTests
{
    [Fact]
    public void EveryGrainClassHasStateNamesOfItsOwn()
    {
        var names = typeof(CaseIndexGrain).Assembly.GetTypes()
            .Where(t => typeof(Grain).IsAssignableFrom(t))
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters())
                .Select(p => p.GetCustomAttribute<PersistentStateAttribute>()?.StateName)
                .OfType<string>().Distinct()
                .Select(name => (Grain: t.Name, Name: name)))
            .ToList();

        Assert.DoesNotContain(names, n => n.Name == CaseStateCatalog.StateName || n.Grain == nameof(CaseGrain));
        var shared = names.GroupBy(n => n.Name).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.Grain))}");
        Assert.Empty(shared);
    }
}
