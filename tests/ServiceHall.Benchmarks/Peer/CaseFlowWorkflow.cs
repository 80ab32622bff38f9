using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace ServiceHall.Benchmarks.Peer;

/// <summary>
/// The standard case's shape on WorkflowCore: started when the case is opened, then six human steps, each a
/// <c>WaitFor</c> resumed by an external event keyed by the case, then done. No validation, journal or SLA: only the
/// engine's suspend/resume cycle, which is what WorkflowCore offers out of the box.
/// </summary>
internal sealed class CaseFlowWorkflow : IWorkflow<CaseFlowData>
{
    public const string DefinitionId = "servicehall-standard-peer";

    /// <summary>The human steps by the name of the event that resumes each, in order (ServiceHall's action names).</summary>
    public static readonly IReadOnlyList<string> Steps = ["accept", "pass", "approve", "issue-certificate", "notify-pickup", "picked-up"];

    public string Id => DefinitionId;

    public int Version => 1;

    public void Build(IWorkflowBuilder<CaseFlowData> builder)
    {
        // Effective date MinValue: an event published a moment before the subscription is stored still counts, as a
        // clerk's click on a step that just appeared would in a real hall.
        var step = builder
            .StartWith(_ => ExecutionResult.Next())
            .WaitFor(Steps[0], data => data.CaseKey, _ => DateTime.MinValue)
            .Output(data => data.LastPayload, wait => wait.EventData);
        foreach (var name in Steps.Skip(1))
        {
            step = step
                .WaitFor(name, data => data.CaseKey, _ => DateTime.MinValue)
                .Output(data => data.LastPayload, wait => wait.EventData);
        }

        step.Then(context =>
        {
            ((CaseFlowData)context.Workflow.Data).Closed = true;
            return ExecutionResult.Next();
        });
    }
}

/// <summary>The workflow's data: the key its events are addressed to and what the last step submitted.</summary>
internal sealed class CaseFlowData
{
    public string CaseKey { get; set; } = "";

    public object? LastPayload { get; set; }

    public bool Closed { get; set; }
}
