using System.Text.RegularExpressions;

namespace ServiceHall.Grains.Catalog;

/// <summary>
/// The catalogue's rules for an item, shared by <see cref="CatalogGrain"/> and the seed loader so the shipped data
/// can never hold what an admin could not save. The first broken rule is reported, naming its camelCase JSON path.
/// </summary>
internal static partial class ServiceItemValidator
{
    public const int MaxTimeLimitDays = 365;

    // Codes appear in case numbers' lookups, URLs and printed receipts: plain ASCII segments, e.g. GZ-SCJG-001.
    [GeneratedRegex("^[A-Z][A-Z0-9]{1,9}(-[A-Z0-9]{1,10}){1,3}$")]
    private static partial Regex ItemCode();

    // Material codes are what applicants and clerks send when opening a case, so they stay kebab-case.
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex MaterialCode();

    /// <summary>Returns the item as it is stored (code upper-cased, lists copied) or throws <see cref="CatalogValidationException"/>.</summary>
    public static ServiceItem Validate(ServiceItem item, IReadOnlySet<string> departments)
    {
        var code = (item.Code ?? "").Trim().ToUpperInvariant();
        Require(code.Length <= 40 && ItemCode().IsMatch(code), "code",
            "The code must be 2–4 hyphen-separated segments of letters and digits, e.g. GZ-SCJG-001.");
        Require(!string.IsNullOrWhiteSpace(item.NameZh), "nameZh", "The Chinese name must not be empty.");
        Require(!string.IsNullOrWhiteSpace(item.NameEn), "nameEn", "The English name must not be empty.");
        Require(item.Department is not null && departments.Contains(item.Department), "department",
            $"'{item.Department}' is not a known department.");
        Require(item.TimeLimitDays is >= 1 and <= MaxTimeLimitDays, "timeLimitDays",
            $"The time limit must be between 1 and {MaxTimeLimitDays} working days.");
        ValidateChannels(item.Channels);
        RequireNanshaReviewer(item, departments);
        ValidateMaterials(item.Materials);
        Require(!string.IsNullOrWhiteSpace(item.WorkflowDefinitionId), "workflowDefinitionId",
            "The workflow definition id must not be empty.");

        return item with { Code = code, Channels = [.. item.Channels], Materials = [.. item.Materials] };
    }

    private static void ValidateChannels(IReadOnlyList<string>? channels)
    {
        Require(channels is { Count: > 0 }, "channels", "At least one channel must be allowed.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < channels!.Count; i++)
        {
            Require(channels[i] is not null && ServiceChannels.All.Contains(channels[i]), $"channels[{i}]",
                $"'{channels[i]}' is not a channel; allowed: {string.Join(", ", ServiceChannels.All)}.");
            Require(seen.Add(channels[i]), $"channels[{i}]", $"The channel '{channels[i]}' is listed twice.");
        }
    }

    // A Nansha-window case is reviewed by the district's counterpart of the item's department, which must exist.
    private static void RequireNanshaReviewer(ServiceItem item, IReadOnlySet<string> departments)
    {
        var index = item.Channels.ToList().IndexOf(ServiceChannels.Nansha);
        if (index >= 0 && NanshaDistrict.ReviewingDepartment(item.Department) is var reviewer && !departments.Contains(reviewer))
        {
            Require(false, $"channels[{index}]", $"The Nansha window needs a Nansha department to review '{item.Department}' ('{reviewer}' is not known).");
        }
    }

    private static void ValidateMaterials(IReadOnlyList<RequiredMaterial>? materials)
    {
        Require(materials is not null, "materials", "The materials must be a list (it may be empty).");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < materials!.Count; i++)
        {
            var material = materials[i];
            var path = $"materials[{i}]";
            Require(material is not null, path, "A material must not be null.");
            Require(material!.Code is not null && MaterialCode().IsMatch(material.Code), $"{path}.code",
                "A material code must be lower-case words joined by hyphens, e.g. id-card-copy.");
            Require(seen.Add(material.Code!), $"{path}.code", $"The material code '{material.Code}' is listed twice.");
            Require(!string.IsNullOrWhiteSpace(material.NameZh), $"{path}.nameZh", "The Chinese name must not be empty.");
            Require(!string.IsNullOrWhiteSpace(material.NameEn), $"{path}.nameEn", "The English name must not be empty.");
            Require(material.Waiver is not null && MaterialWaivers.All.Contains(material.Waiver), $"{path}.waiver",
                $"'{material.Waiver}' is not a waiver; allowed: {string.Join(", ", MaterialWaivers.All)}.");
        }
    }

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new CatalogValidationException(field, message);
        }
    }
}
