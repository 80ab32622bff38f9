namespace ServiceHall.Grains.Cases;

/// <summary>
/// The body of <c>POST /api/cases/{id}/actions/{action}</c> (and the applicant's actions), typed: one member for every
/// field some action reads, all optional. Which are required, and what values are allowed, is the action's business:
/// the workflow's activities and the case-level actions check them and name the field they refuse. The API binds the
/// JSON body to this record strictly (a wrong type or an unknown member is a 400 naming its path), and the grain turns
/// it into the interpreter's payload with <see cref="CaseActionPayload"/>.
/// </summary>
/// <remarks>Lists hold nullable items so that <c>[null]</c> reaches the activity, which refuses it by its index.</remarks>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseActionInput")]
public sealed record CaseActionInput
{
    /// <summary>Picks one of several open steps that offer the same action.</summary>
    [Id(0)] public string? StepId { get; init; }

    /// <summary>reject, deny, withdraw, cancel, suspend, escalate, pause-clock, transfer-hall, move-to-standard.</summary>
    [Id(1)] public string? Reason { get; init; }

    /// <summary>accept, pass.</summary>
    [Id(2)] public string? Comment { get; init; }

    /// <summary>approve.</summary>
    [Id(3)] public string? Opinion { get; init; }

    /// <summary>issue-certificate: <c>paper</c>, <c>electronic</c> or <c>both</c>.</summary>
    [Id(4)] public string? Form { get; init; }

    /// <summary>mailed.</summary>
    [Id(5)] public string? EmsTrackingNo { get; init; }

    /// <summary>picked-up: who collected the certificate (the applicant's name when <see cref="Collector"/> is <c>applicant</c> and it is left out).</summary>
    [Id(6)] public string? By { get; init; }

    /// <summary>request-correction: at least one.</summary>
    [Id(7)] public IReadOnlyList<DeficiencyInput?>? Deficiencies { get; init; }

    /// <summary>resubmit: one per deficiency on the notice.</summary>
    [Id(8)] public IReadOnlyList<DeficiencyAnswerInput?>? Answers { get; init; }

    /// <summary>accept: the materials as the clerk checked them.</summary>
    [Id(9)] public IReadOnlyList<CheckedMaterialInput?>? Materials { get; init; }

    /// <summary>route: the coordinator's routing plan.</summary>
    [Id(10)] public IReadOnlyList<RoutingGroupInput?>? Groups { get; init; }

    /// <summary>reassign: the plan part (<c>g0s1</c>); transfer-hall: <c>acceptance</c> or <c>pickup</c>.</summary>
    [Id(11)] public string? Part { get; init; }

    /// <summary>reassign, add-department.</summary>
    [Id(12)] public string? Department { get; init; }

    /// <summary>reassign, add-department.</summary>
    [Id(13)] public string? Reviewer { get; init; }

    /// <summary>reassign, add-department: ISO 8601 text, checked by the activity (which names the field when it is not).</summary>
    [Id(14)] public string? DueAt { get; init; }

    /// <summary>add-department: review after every planned group rather than within the current one.</summary>
    [Id(15)] public bool? NewGroup { get; init; }

    /// <summary>assign-coordinator.</summary>
    [Id(16)] public string? Coordinator { get; init; }

    /// <summary>assign-coordinator.</summary>
    [Id(17)] public string? District { get; init; }

    /// <summary>feedback.</summary>
    [Id(18)] public string? Message { get; init; }

    /// <summary>close.</summary>
    [Id(19)] public string? Summary { get; init; }

    /// <summary>transfer-hall: the hall the acceptance or pickup moves to.</summary>
    [Id(20)] public string? Hall { get; init; }

    /// <summary>accept: 容缺受理, accepting with the required materials still missing (the receipt lists them).</summary>
    [Id(21)] public bool? AcceptWithDeficiencies { get; init; }

    /// <summary>picked-up: <c>applicant</c> in person or an <c>agent</c> (代领).</summary>
    [Id(22)] public string? Collector { get; init; }

    /// <summary>picked-up: the collector's identity document, <c>resident</c> (居民身份证, the default) or <c>other</c>.</summary>
    [Id(23)] public string? IdType { get; init; }

    /// <summary>picked-up: the number of the collector's identity document (a resident ID's check digit is verified).</summary>
    [Id(24)] public string? IdNumber { get; init; }
}

/// <summary>One deficiency of a correction request: what is wrong, and with which material if one.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.DeficiencyInput")]
public sealed record DeficiencyInput
{
    [Id(0)] public string? MaterialCode { get; init; }
    [Id(1)] public string? Problem { get; init; }
}

/// <summary>The answer to one deficiency of the open correction notice.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.DeficiencyAnswerInput")]
public sealed record DeficiencyAnswerInput
{
    [Id(0)] public string? DeficiencyId { get; init; }
    [Id(1)] public string? Note { get; init; }
}

/// <summary>A material as the clerk found it at acceptance (<c>original</c>, <c>copy</c>, …).</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CheckedMaterialInput")]
public sealed record CheckedMaterialInput
{
    [Id(0)] public string? Code { get; init; }
    [Id(1)] public string? Form { get; init; }
}

/// <summary>One group of a routing plan: its departments review at once (parallel, the default) or in turn.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.RoutingGroupInput")]
public sealed record RoutingGroupInput
{
    [Id(0)] public bool? Parallel { get; init; }
    [Id(1)] public IReadOnlyList<RoutingStepInput?>? Steps { get; init; }
}

/// <summary>One department's review in a routing plan.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.RoutingStepInput")]
public sealed record RoutingStepInput
{
    [Id(0)] public string? Department { get; init; }
    [Id(1)] public string? Reviewer { get; init; }
    [Id(2)] public string? DueAt { get; init; }
}
