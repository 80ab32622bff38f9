using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>The column of the clerk board a case sits in; derived from the case's open human steps.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BoardStage>))]
public enum BoardStage
{
    /// <summary>Not started yet, or running without ever having opened a human step.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>A clerk checks the application's materials at the window (受理).</summary>
    [JsonStringEnumMemberName("acceptance")] Acceptance,

    /// <summary>A reviewer checks the accepted application for completeness and form.</summary>
    [JsonStringEnumMemberName("formal-review")] FormalReview,

    /// <summary>One or more departments review the substance; includes the coordinator's routing of key projects.</summary>
    [JsonStringEnumMemberName("back-office-review")] BackOfficeReview,

    /// <summary>The applicant has a correction notice and the clock waits for the resubmission.</summary>
    [JsonStringEnumMemberName("awaiting-correction")] AwaitingCorrection,

    /// <summary>The decision is made; the certificate is being issued.</summary>
    [JsonStringEnumMemberName("certificate")] Certificate,

    /// <summary>The certificate waits to be collected, mailed or delivered electronically.</summary>
    [JsonStringEnumMemberName("pickup")] Pickup,

    /// <summary>The workflow has ended, whatever the outcome.</summary>
    [JsonStringEnumMemberName("closed")] Closed,
}

/// <summary>How a case's stage follows from its open steps.</summary>
public static class BoardStages
{
    // When several steps are open, the board shows what holds the case back most: an outstanding correction first,
    // then the earliest stage of the process that is still open.
    private static readonly BoardStage[] Precedence =
    [
        BoardStage.AwaitingCorrection, BoardStage.Acceptance, BoardStage.FormalReview,
        BoardStage.BackOfficeReview, BoardStage.Certificate, BoardStage.Pickup,
    ];

    public static BoardStage Derive(WorkflowState state)
    {
        if (state.Status == WorkflowStatus.Finished)
        {
            return BoardStage.Closed;
        }

        foreach (var stage in Precedence)
        {
            if (state.OpenSteps.Any(step => step.Stage == stage))
            {
                return stage;
            }
        }

        return state.Stage;
    }
}
