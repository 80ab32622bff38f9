using ServiceHall.Workflows;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Catalog;

/// <summary>A service item (事项) the hall accepts applications for.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Catalog.ServiceItem")]
public sealed record ServiceItem : StoredRecord
{
    /// <summary>Stable code, e.g. <c>GZ-SCJG-001</c>.</summary>
    [Id(0)] public required string Code { get; init; }

    [Id(1)] public required string NameZh { get; init; }

    [Id(2)] public required string NameEn { get; init; }

    /// <summary>Department code (e.g. <c>market-regulation</c>) that reviews it.</summary>
    [Id(3)] public required string Department { get; init; }

    [Id(4)] public IReadOnlyList<RequiredMaterial> Materials { get; init; } = [];

    /// <summary>Statutory time limit in working days (承诺时限).</summary>
    [Id(5)] public int TimeLimitDays { get; init; }

    /// <summary>Channels allowed: window, cross-city, nansha, key-project, instant, online.</summary>
    [Id(6)] public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Workflow definition id new cases of this item run (a published version is pinned at opening).</summary>
    [Id(7)] public required string WorkflowDefinitionId { get; init; }

    /// <summary>
    /// The certificate this item issues is a business licence (营业执照): only such certificates enter the register
    /// as electronic business licences that may stand in for a licence copy.
    /// </summary>
    [Id(8)] public bool IssuesBusinessLicence { get; init; }
}

/// <summary>A material the applicant must hand in, and whether it can be waived.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Catalog.RequiredMaterial")]
public sealed record RequiredMaterial : StoredRecord
{
    [Id(0)] public required string Code { get; init; }

    [Id(1)] public required string NameZh { get; init; }

    [Id(2)] public required string NameEn { get; init; }

    /// <summary>
    /// How the requirement may be met without a paper copy: <c>none</c>; <c>id-card</c> (the ID-card copy is waived,
    /// the clerk sees the original); <c>e-licence</c> (a business-licence copy is replaced by the electronic licence).
    /// </summary>
    [Id(3)] public string Waiver { get; init; } = "none";

    /// <summary>Optional materials are listed but never block acceptance.</summary>
    [Id(4)] public bool Optional { get; init; }
}

/// <summary>
/// A catalogue edit was refused: <see cref="Errors"/> names every broken rule with its catalogue code and field (camelCase
/// JSON path); <see cref="Field"/> is the first one's.
/// </summary>
[GenerateSerializer, Alias("ServiceHall.Grains.Catalog.CatalogValidationException")]
public sealed class CatalogValidationException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    [Id(0)] public string Field { get; } = errors[0].Field ?? "";
    [Id(1)] public IReadOnlyList<FieldError> Errors { get; } = errors;
}
