namespace ServiceHall.Grains.Cases;

/// <summary>
/// Every action on the case itself and every coordinator steering action, in one place. A name not listed here is a
/// workflow step action, resolved by the definition's open steps.
/// </summary>
internal static class CaseActionRegistry
{
    private static readonly ICaseAction[] CaseLevel =
    [
        new WithdrawAction(),
        new CancelAction(),
        new SuspendAction(),
        new ResumeAction(),
        new TransferHallAction(),
        new MoveToStandardAction(),
    ];

    private static readonly ICaseAction[] Steering =
    [
        new AssignCoordinatorAction(),
        SteerPlanAction.Reassign,
        SteerPlanAction.AddDepartment,
        new EscalateAction(),
        new PauseClockAction(),
        new ResumeClockAction(),
        new FeedbackAction(),
        new CloseCoordinationAction(),
    ];

    private static readonly Dictionary<string, ICaseAction> ByName =
        CaseLevel.Concat(Steering).ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The handler of <paramref name="action"/>: a registered action, else the workflow's steps.</summary>
    public static ICaseAction For(string action) => ByName.GetValueOrDefault(action) ?? WorkflowStepAction.Instance;

    public static bool IsCaseLevel(string action) => ByName.ContainsKey(action);

    /// <summary>What the case offers now: its workflow steps' actions, then the case-level ones.</summary>
    public static IReadOnlyList<CaseActionView> Offered(CaseState state) =>
        [.. WorkflowStepAction.Instance.Offered(state), .. CaseLevel.SelectMany(a => a.Offered(state))];
}
