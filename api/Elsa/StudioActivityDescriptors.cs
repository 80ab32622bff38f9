using System.Text.Json.Nodes;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Activities;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// What <c>GET /descriptors/activities</c> lists: every activity type the engine runs (with directory dropdowns), plus
/// a placeholder for every type and version a stored definition uses that the engine has no descriptor for.
/// </summary>
/// <remarks>
/// The studio reloads descriptors after every autosave, so the engine's part is built once per process (catalogue
/// departments and the staff directory do not change while it runs); only the placeholders are read each time, from
/// the definition index.
/// </remarks>
public sealed class StudioActivityDescriptors(IGrainFactory grains, OrganisationDirectory organisation)
{
    public const string PlaceholderCategory = "Unavailable";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<ActivityDescriptor>? _engine;

    public async Task<IReadOnlyList<ActivityDescriptor>> AllAsync()
    {
        var engine = await EngineAsync();
        var unknown = (await grains.GetWorkflowDefinitionIndex().ListAsync())
            .SelectMany(s => s.UnknownActivityTypes)
            .GroupBy(u => (u.Type, u.Version))
            .Select(g => Placeholder(g.Key.Type, g.Key.Version, [.. g.SelectMany(u => u.Ports).Distinct(StringComparer.Ordinal)]));
        return [.. engine, .. unknown];
    }

    public async Task<IReadOnlyList<ActivityDescriptor>> EngineAsync()
    {
        if (_engine is { } built)
        {
            return built;
        }

        await _gate.WaitAsync();
        try
        {
            if (_engine is null)
            {
                var departments = await grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetDepartmentsAsync();
                var choices = new DirectoryChoices(departments, organisation);
                _engine = [.. ActivityRegistry.Default.Descriptors.Select(d => d with { Inputs = [.. d.Inputs.Select(i => choices.Apply(d, i))] })];
            }

            return _engine;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Keeps an activity of an unknown type visible and connected in the designer: it is drawn with every port its
    /// stored connections leave from (a port the descriptor lacks would lose its connection on the next autosave),
    /// stays out of the toolbox, and says why it cannot run. Its stored inputs are kept as they are.
    /// </summary>
    public static ActivityDescriptor Placeholder(string type, int version, IReadOnlyList<string> ports)
    {
        var dot = type.LastIndexOf('.');
        var name = dot >= 0 ? type[(dot + 1)..] : type;
        var flowPorts = ports.Any(p => p != Workflows.Definitions.Ports.Done) ? ports : [];
        return new ActivityDescriptor
        {
            TypeName = type,
            Namespace = dot >= 0 ? type[..dot] : "",
            Name = name,
            Version = version,
            Category = PlaceholderCategory,
            DisplayName = $"⚠ {name} v{version} (unavailable)",
            Description = $"This server has no activity {type} version {version}. The activity is kept as stored, but the workflow cannot be published until it is replaced.",
            IsBrowsable = false,
            CustomProperties = new JsonObject { ["Placeholder"] = true },
            Ports = [.. flowPorts.Select(p => new PortDescriptor(p, p))],
        };
    }
}
