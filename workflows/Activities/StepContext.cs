using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities;

/// <summary>An action someone took on an open step, handed to the activity that opened it.</summary>
public sealed record StepContext(ActivityContext Activity, OpenStep Step, string Action, JsonObject Payload, Actor Actor);
