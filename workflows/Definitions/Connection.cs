using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Definitions;

/// <summary>A flowchart edge: when <see cref="Source"/> completes with its port as outcome, <see cref="Target"/> runs.</summary>
public sealed class Connection : RoundTripModel
{
    public ConnectionEndpoint Source { get; set => field = value ?? new(); } = new();
    public ConnectionEndpoint Target { get; set => field = value ?? new(); } = new();

    /// <summary>Bend points drawn in the designer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? Vertices { get; set; }

    /// <summary>The outcome that fires this connection; the designer reads a missing port as <c>Done</c>.</summary>
    [JsonIgnore]
    public string SourcePort => string.IsNullOrEmpty(Source.Port) ? Ports.Done : Source.Port;

    public override string ToString() => $"{Source.Activity}.{SourcePort} -> {Target.Activity}";
}

public sealed class ConnectionEndpoint : RoundTripModel
{
    public string Activity { get; set => field = value ?? ""; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Port { get; set; }
}

/// <summary>Port names with a meaning of their own in the flowchart format.</summary>
public static class Ports
{
    /// <summary>The single out-port of an activity whose descriptor declares no flow ports.</summary>
    public const string Done = "Done";

    /// <summary>The in-port every connection targets.</summary>
    public const string In = "In";
}
