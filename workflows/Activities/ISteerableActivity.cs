using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Activities;

/// <summary>
/// An activity whose running plan a person may change while it waits (a coordinator reassigning a department's
/// review or adding a department), without anyone taking one of its steps.
/// </summary>
public interface ISteerableActivity : IActivity
{
    /// <summary>True while this activity holds a plan that can be steered (routed and not yet finished).</summary>
    bool CanSteer(ActivityContext context);

    /// <summary>Applies <paramref name="change"/>; refuses a bad payload through the <see cref="Payload"/> helpers.</summary>
    ActivityResult Steer(ActivityContext context, string change, JsonObject payload);
}
