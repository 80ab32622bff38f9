using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The online channel (全流程网办): applicants open their own case with uploaded scans, and answer a correction
/// notice by re-uploading exactly the materials it lists. Scans live in the document store; the case keeps their
/// ids and hashes, and only staff who may read the case are told where a scan is.
/// </summary>
internal sealed partial class CaseGrain
{
    Task<CaseResult> ICaseGrain.ReplayOpenAsync(string idempotencyKey) =>
        Task.FromResult(state.State.Id is not null && state.State.OpenIdempotencyKey == idempotencyKey
            ? CaseResult.Created(CaseViews.Applicant(state.State), replayed: true)
            : NotFound());

    Task<UploadLookup> ICaseGrain.FindUploadAsync(CaseActor viewer, string documentId)
    {
        var current = state.State;
        if (current.Id is null)
        {
            return Task.FromResult(new UploadLookup(CaseOutcome.NotFound, null));
        }

        if (viewer.IsApplicant || !Policy.CasePolicy.CanRead(viewer, Policy.CasePlacement.From(current)))
        {
            return Task.FromResult(new UploadLookup(CaseOutcome.Forbidden, null));
        }

        var upload = current.Uploads.FirstOrDefault(u => u.DocumentId == documentId);
        return Task.FromResult(new UploadLookup(upload is null ? CaseOutcome.NotFound : CaseOutcome.Ok, upload));
    }

    /// <summary>
    /// Uploads must belong to materials handed in as <c>electronic</c>; an applicant's own application must leave
    /// no required material missing (a clerk may still accept a window case with gaps and ask for a correction).
    /// </summary>
    private static CaseResult? CheckOpeningUploads(OpenCaseCommand command, IReadOnlyList<MaterialView> materials)
    {
        foreach (var upload in command.Uploads)
        {
            if (!command.Materials.Any(m => m.Code == upload.MaterialCode && m.Form == "electronic"))
            {
                return CaseResult.Refused(CaseOutcome.Unprocessable, $"files.{upload.MaterialCode}",
                    $"The scan for '{upload.MaterialCode}' belongs to no material handed in electronically.");
            }
        }

        if (command.Actor.IsApplicant && materials.FirstOrDefault(m => m.Status == "missing") is { } missing)
        {
            return CaseResult.Refused(CaseOutcome.Unprocessable, $"files.{missing.Code}",
                $"Required material '{missing.NameZh}' ({missing.Code}) is missing: upload a scan{(IsLicenceCopy(missing.Code) ? " or give the electronic business licence number" : "")}.");
        }

        return null;
    }

    /// <summary>
    /// An online resubmission re-uploads exactly the materials the open correction notice lists: none missing, none
    /// extra. Deficiencies without a material are answered by note alone.
    /// </summary>
    private static CaseResult? CheckResubmissionUploads(CaseState current, CaseActionCommand command)
    {
        if (command.Action != ActionNames.Resubmit)
        {
            return command.Uploads.Count == 0 ? null
                : CaseResult.Refused(CaseOutcome.Invalid, "files", $"'{command.Action}' takes no uploads.");
        }

        if (!command.Actor.IsApplicant && command.Uploads.Count > 0)
        {
            return CaseResult.Refused(CaseOutcome.Forbidden, "files", "Only the applicant uploads scans.");
        }

        var step = current.Workflow.OpenSteps.FirstOrDefault(s =>
            s.Actions.Contains(ActionNames.Resubmit) && (command.StepId is null || s.Id == command.StepId));
        if (step is null)
        {
            return null; // The interpreter answers 409 with the available actions.
        }

        var listed = ListedMaterials(step.Data);
        var uploadsRequired = command.Actor.IsApplicant && current.Channel == "online";
        foreach (var upload in command.Uploads)
        {
            if (!listed.Contains(upload.MaterialCode))
            {
                return CaseResult.Refused(CaseOutcome.Unprocessable, $"files.{upload.MaterialCode}",
                    $"The correction notice does not ask for '{upload.MaterialCode}'; re-upload only: {string.Join(", ", listed)}.");
            }
        }

        if (uploadsRequired && listed.FirstOrDefault(code => command.Uploads.All(u => u.MaterialCode != code)) is { } notUploaded)
        {
            return CaseResult.Refused(CaseOutcome.Unprocessable, $"files.{notUploaded}",
                $"The correction notice asks for a new scan of '{notUploaded}'.");
        }

        return null;
    }

    private void AddUploads(CaseState next, IReadOnlyList<UploadedMaterial> uploads, int round)
    {
        var at = clock.GetUtcNow();
        next.Uploads.AddRange(uploads.Select(u => u with { Round = round, UploadedAt = at }));
    }

    /// <summary>The journal's record of the scans: name, size and the full SHA-256 of each.</summary>
    private static string UploadText(IReadOnlyList<UploadedMaterial> uploads) =>
        uploads.Count == 0 ? ""
            : "；上传 " + string.Join("，", uploads.Select(u => $"{u.MaterialCode}: {u.FileName} ({u.Length} B, sha256 {u.Sha256})"));

    private static List<string> ListedMaterials(JsonObject notice) =>
        [.. (notice["deficiencies"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(d => d["materialCode"] is JsonValue v && v.TryGetValue<string>(out var code) ? code : null)
            .OfType<string>().Where(c => c.Length > 0).Distinct()];

    private static bool IsLicenceCopy(string code) => code == "business-licence-copy";
}
