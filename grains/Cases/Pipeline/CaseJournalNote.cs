namespace ServiceHall.Grains.Cases;

/// <summary>
/// What a decision says happened, as data: a kind from <see cref="CaseJournalKinds"/> and the facts to show. Turned
/// into words only where a person reads it.
/// </summary>
internal sealed record CaseJournalNote(string Kind, IReadOnlyDictionary<string, string> Args)
{
    /// <summary>The scans of a command: how many, and each material's SHA-256 as <c>sha256.{materialCode}</c>.</summary>
    public CaseJournalNote WithUploads(IReadOnlyList<UploadedMaterial> uploads)
    {
        if (uploads.Count == 0)
        {
            return this;
        }

        var args = new Dictionary<string, string>(Args) { ["uploads"] = uploads.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var upload in uploads)
        {
            args[$"sha256.{upload.MaterialCode}"] = upload.Sha256;
        }

        return this with { Args = args };
    }

    /// <summary>A resubmission's answers as <c>answer.{deficiencyId}</c> = the note (empty when none), so the case page shows them per round.</summary>
    public CaseJournalNote WithAnswers(System.Text.Json.Nodes.JsonArray? answers)
    {
        if (answers is null)
        {
            return this;
        }

        var args = new Dictionary<string, string>(Args);
        foreach (var answer in answers.OfType<System.Text.Json.Nodes.JsonObject>())
        {
            if (Workflows.Activities.Payload.OptionalText(answer, "deficiencyId") is { } id)
            {
                args[$"{CaseJournalKinds.AnswerPrefix}{id}"] = Workflows.Activities.Payload.OptionalText(answer, "note") ?? "";
            }
        }

        return this with { Args = args };
    }

    public static CaseJournalNote Of(string kind, params (string Name, object? Value)[] args) =>
        new(kind, args.Where(a => a.Value is not null && a.Value.ToString() is { Length: > 0 })
            .ToDictionary(a => a.Name, a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture)!));
}
