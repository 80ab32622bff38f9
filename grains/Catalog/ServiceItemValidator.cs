using System.Text.RegularExpressions;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Catalog;

/// <summary>
/// The catalogue's rules for an item, shared by <see cref="CatalogGrain"/> and the seed loader so the shipped data
/// can never hold what an admin could not save. Every broken rule is reported at once, each naming its camelCase JSON path.
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

    /// <summary>Returns the item as it is stored (code upper-cased, lists copied) or throws <see cref="CatalogValidationException"/> naming every broken rule.</summary>
    public static ServiceItem Validate(ServiceItem item, IReadOnlySet<string> departments)
    {
        var errors = new List<FieldError>();
        void Require(bool condition, FieldError error)
        {
            if (!condition)
            {
                errors.Add(error);
            }
        }

        var code = (item.Code ?? "").Trim().ToUpperInvariant();
        Require(code.Length <= 40 && ItemCode().IsMatch(code), FieldError.Of("code", ErrorCodes.CatalogItemCodeFormat,
            "The code must be 2–4 hyphen-separated segments of letters and digits, e.g. GZ-SCJG-001."));
        Require(!string.IsNullOrWhiteSpace(item.NameZh), FieldError.Of("nameZh", ErrorCodes.FieldRequired, "The Chinese name must not be empty."));
        Require(!string.IsNullOrWhiteSpace(item.NameEn), FieldError.Of("nameEn", ErrorCodes.FieldRequired, "The English name must not be empty."));
        Require(item.Department is not null && departments.Contains(item.Department), FieldError.Of("department", ErrorCodes.DepartmentUnknown,
            $"'{item.Department}' is not a known department.", ("department", item.Department)));
        Require(item.TimeLimitDays is >= 1 and <= MaxTimeLimitDays, FieldError.Of("timeLimitDays", ErrorCodes.CatalogTimeLimitRange,
            $"The time limit must be between 1 and {MaxTimeLimitDays} working days.", ("max", MaxTimeLimitDays)));
        ValidateChannels(item.Channels, errors);
        if (item.Channels is not null)
        {
            RequireNanshaReviewer(item, departments, errors);
        }

        ValidateMaterials(item.Materials, errors);
        Require(!string.IsNullOrWhiteSpace(item.WorkflowDefinitionId), FieldError.Of("workflowDefinitionId", ErrorCodes.FieldRequired,
            "The workflow definition id must not be empty."));

        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }

        return item with { Code = code, Channels = [.. item.Channels!], Materials = [.. item.Materials!] };
    }

    private static void ValidateChannels(IReadOnlyList<string>? channels, List<FieldError> errors)
    {
        if (channels is not { Count: > 0 })
        {
            errors.Add(FieldError.Of("channels", ErrorCodes.FieldAtLeastOne, "At least one channel must be allowed."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var allowed = string.Join(", ", ServiceChannels.All);
        for (var i = 0; i < channels.Count; i++)
        {
            if (channels[i] is null || !ServiceChannels.All.Contains(channels[i]))
            {
                errors.Add(FieldError.Of($"channels[{i}]", ErrorCodes.FieldOneOf, $"'{channels[i]}' is not a channel; allowed: {allowed}.", ("allowed", allowed)));
            }
            else if (!seen.Add(channels[i]))
            {
                errors.Add(FieldError.Of($"channels[{i}]", ErrorCodes.CatalogChannelTwice, $"The channel '{channels[i]}' is listed twice."));
            }
        }
    }

    // A Nansha-window case is reviewed by the district's counterpart of the item's department, which must exist.
    private static void RequireNanshaReviewer(ServiceItem item, IReadOnlySet<string> departments, List<FieldError> errors)
    {
        var index = item.Channels.ToList().IndexOf(ServiceChannels.Nansha);
        if (index >= 0 && NanshaDistrict.ReviewingDepartment(item.Department) is var reviewer && !departments.Contains(reviewer))
        {
            errors.Add(FieldError.Of($"channels[{index}]", ErrorCodes.CatalogNanshaReviewerMissing,
                $"The Nansha window needs a Nansha department to review '{item.Department}' ('{reviewer}' is not known).", ("reviewer", reviewer)));
        }
    }

    private static void ValidateMaterials(IReadOnlyList<RequiredMaterial>? materials, List<FieldError> errors)
    {
        if (materials is null)
        {
            errors.Add(FieldError.Of("materials", ErrorCodes.FieldNotArray, "The materials must be a list (it may be empty)."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var waivers = string.Join(", ", MaterialWaivers.All);
        for (var i = 0; i < materials.Count; i++)
        {
            var material = materials[i];
            var path = $"materials[{i}]";
            if (material is null)
            {
                errors.Add(FieldError.Of(path, ErrorCodes.FieldRequired, "A material must not be null."));
                continue;
            }

            if (material.Code is null || !MaterialCode().IsMatch(material.Code))
            {
                errors.Add(FieldError.Of($"{path}.code", ErrorCodes.CatalogMaterialCodeFormat,
                    "A material code must be lower-case words joined by hyphens, e.g. id-card-copy."));
            }
            else if (!seen.Add(material.Code))
            {
                errors.Add(FieldError.Of($"{path}.code", ErrorCodes.MaterialDuplicate, $"The material code '{material.Code}' is listed twice."));
            }

            if (string.IsNullOrWhiteSpace(material.NameZh))
            {
                errors.Add(FieldError.Of($"{path}.nameZh", ErrorCodes.FieldRequired, "The Chinese name must not be empty."));
            }

            if (string.IsNullOrWhiteSpace(material.NameEn))
            {
                errors.Add(FieldError.Of($"{path}.nameEn", ErrorCodes.FieldRequired, "The English name must not be empty."));
            }

            if (material.Waiver is null || !MaterialWaivers.All.Contains(material.Waiver))
            {
                errors.Add(FieldError.Of($"{path}.waiver", ErrorCodes.FieldOneOf, $"'{material.Waiver}' is not a waiver; allowed: {waivers}.", ("allowed", waivers)));
            }
        }
    }
}
