namespace ServiceHall.Workflows.Interpreter;

/// <summary>A step that failed; its path stops there while the rest of the instance carries on.</summary>
public sealed class Incident : StoredObject
{
    public string Id { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
