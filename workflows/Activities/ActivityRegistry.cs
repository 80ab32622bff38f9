using ServiceHall.Workflows.Activities.Builtins;
using ServiceHall.Workflows.Activities.ServiceHall;

namespace ServiceHall.Workflows.Activities;

/// <summary>The activity types the engine runs; the interpreter and the studio's descriptor endpoint both read it.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, IActivity> _byType;

    public ActivityRegistry(IEnumerable<IActivity> activities)
    {
        _byType = new Dictionary<string, IActivity>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (!_byType.TryAdd(activity.Descriptor.TypeName, activity))
            {
                throw new ArgumentException($"Activity type '{activity.Descriptor.TypeName}' is registered twice.", nameof(activities));
            }
        }
    }

    /// <summary>The Elsa built-ins plus the service-hall activities.</summary>
    public static ActivityRegistry Default { get; } = new(
    [
        new StartActivity(), new EndActivity(), new FlowchartActivity(), new FlowDecisionActivity(),
        new FlowForkActivity(), new FlowJoinActivity(), new SetVariableActivity(), new DelayActivity(),
        new AcceptanceActivity(), new FormalReviewActivity(), new BackOfficeReviewActivity(),
        new CorrectionNoticeActivity(), new CoordinatorRoutingActivity(), new IssueCertificateActivity(),
        new PickupActivity(), new NotifyActivity(), new SlaTimerActivity(),
    ]);

    /// <summary>Every descriptor, in a stable order, for <c>GET /descriptors/activities</c>.</summary>
    public IReadOnlyList<ActivityDescriptor> Descriptors =>
        _byType.Values.Select(activity => activity.Descriptor).OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.TypeName, StringComparer.Ordinal).ToList();

    public IActivity? Find(string typeName) => _byType.GetValueOrDefault(typeName);

    public ActivityDescriptor? FindDescriptor(string typeName) => Find(typeName)?.Descriptor;

    /// <summary>A registry with extra activity types (for hosts or tests that add their own).</summary>
    public ActivityRegistry With(params IActivity[] more) => new(_byType.Values.Concat(more));
}
