namespace ServiceHall.Grains.Catalog;

/// <summary>Values of <see cref="RequiredMaterial.Waiver"/>.</summary>
public static class MaterialWaivers
{
    public const string None = "none";

    /// <summary>The ID-card copy is not asked for: the clerk checks the original card.</summary>
    public const string IdCard = "id-card";

    /// <summary>The business-licence copy is replaced by the electronic business licence.</summary>
    public const string ELicence = "e-licence";

    public static IReadOnlyList<string> All { get; } = [None, IdCard, ELicence];
}
