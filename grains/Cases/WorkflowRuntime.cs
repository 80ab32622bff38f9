using System.Collections.Concurrent;
using ServiceHall.Grains.Definitions;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The interpreter and the prepared (parsed, validated, indexed) workflow versions of this silo. A published
/// version never changes (saving it forks a new one), so a version id is prepared once and shared by every case.
/// </summary>
public sealed class WorkflowRuntime
{
    private readonly ConcurrentDictionary<string, Lazy<PreparedWorkflow>> _prepared = new(StringComparer.Ordinal);

    public WorkflowInterpreter Interpreter { get; } = new();

    public PreparedWorkflow Prepare(DefinitionVersion version) =>
        _prepared.GetOrAdd(version.Id, _ => new Lazy<PreparedWorkflow>(() => Interpreter.Prepare(WorkflowJson.Parse(version.Json)))).Value;

    public bool TryGetPrepared(string versionId, out PreparedWorkflow? workflow)
    {
        if (_prepared.TryGetValue(versionId, out var lazy))
        {
            workflow = lazy.Value;
            return true;
        }

        workflow = null;
        return false;
    }
}
