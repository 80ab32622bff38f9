namespace ServiceHall.Grains.Cases;

/// <summary>
/// An action on the case itself (withdraw, suspend, transfer-hall, ...) or a coordinator's steering: one class each,
/// registered in <see cref="CaseActionRegistry"/>. Workflow step actions come from the definition instead.
/// </summary>
internal interface ICaseAction
{
    string Name { get; }

    /// <summary>Whether the case offers the action now, and to which roles (what the pages show as buttons).</summary>
    IEnumerable<CaseActionView> Offered(CaseState state);

    /// <summary>Checks and decides; may change only <see cref="CaseActionContext.Next"/>.</summary>
    ValueTask<CaseDecision> DecideAsync(CaseActionContext context);
}
