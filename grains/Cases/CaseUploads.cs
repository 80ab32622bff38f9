using System.Text.Json.Nodes;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The online channel's scans: an opening's uploads must belong to materials handed in electronically, and a
/// resubmission re-uploads exactly the materials the open correction notice lists (none missing, none extra).
/// </summary>
internal static class CaseUploads
{
    /// <summary>An applicant's own application must leave no required material missing (a clerk may accept with gaps).</summary>
    public static CaseResult? CheckOpening(OpenCaseCommand command, IReadOnlyList<MaterialView> materials)
    {
        foreach (var upload in command.Uploads)
        {
            if (!command.Materials.Any(m => m.Code == upload.MaterialCode && m.Form == "electronic"))
            {
                return CaseResult.Refused(CaseOutcome.Unprocessable, FieldError.Of($"files.{upload.MaterialCode}", "upload.notElectronic",
                    $"The scan for '{upload.MaterialCode}' belongs to no material handed in electronically."));
            }
        }

        // Every missing material at once, so the applicant adds all the scans in one go.
        var missing = command.Actor.IsApplicant ? materials.Where(m => m.Status == "missing").ToList() : [];
        if (missing.Count > 0)
        {
            return CaseResult.Refused(CaseOutcome.Unprocessable, [.. missing.Select(m => FieldError.Of($"files.{m.Code}",
                IsLicenceCopy(m.Code) ? "material.missingOrELicence" : "material.missing",
                $"Required material '{m.NameZh}' ({m.Code}) is missing: upload a scan{(IsLicenceCopy(m.Code) ? " or give the electronic business licence number" : "")}.",
                ("material", m.NameZh)))]);
        }

        return null;
    }

    /// <summary>Deficiencies without a material are answered by note alone.</summary>
    public static CaseResult? CheckResubmission(CaseState current, CaseRequest request, IReadOnlyList<CaseActionView> available)
    {
        if (request.Action != ActionNames.Resubmit)
        {
            return request.Uploads.Count == 0 ? null
                : CaseResult.Refused(CaseOutcome.Invalid, FieldError.Of("files", "upload.notTaken", $"'{request.Action}' takes no uploads."), available);
        }

        if (!request.Actor.IsApplicant && request.Uploads.Count > 0)
        {
            return CaseResult.Refused(CaseOutcome.Forbidden, FieldError.Of("files", "upload.applicantOnly", "Only the applicant uploads scans."), available);
        }

        var step = current.Workflow.OpenSteps.FirstOrDefault(s =>
            s.Actions.Contains(ActionNames.Resubmit) && (request.StepId is null || s.Id == request.StepId));
        if (step is null)
        {
            return null; // The interpreter answers 409 with the available actions.
        }

        var listed = ListedMaterials(step.Data);
        foreach (var upload in request.Uploads)
        {
            if (!listed.Contains(upload.MaterialCode))
            {
                return CaseResult.Refused(CaseOutcome.Unprocessable, FieldError.Of($"files.{upload.MaterialCode}", "upload.notAsked",
                    $"The correction notice does not ask for '{upload.MaterialCode}'; re-upload only: {string.Join(", ", listed)}."), available);
            }
        }

        var uploadsRequired = request.Actor.IsApplicant && current.Channel == "online";
        if (uploadsRequired && listed.FirstOrDefault(code => request.Uploads.All(u => u.MaterialCode != code)) is { } notUploaded)
        {
            return CaseResult.Refused(CaseOutcome.Unprocessable, FieldError.Of($"files.{notUploaded}", "upload.scanRequired",
                $"The correction notice asks for a new scan of '{notUploaded}'."), available);
        }

        return null;
    }

    private static List<string> ListedMaterials(JsonObject notice) =>
        [.. (notice["deficiencies"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(d => d["materialCode"] is JsonValue v && v.TryGetValue<string>(out var code) ? code : null)
            .OfType<string>().Where(c => c.Length > 0).Distinct()];

    private static bool IsLicenceCopy(string code) => code == "business-licence-copy";
}
