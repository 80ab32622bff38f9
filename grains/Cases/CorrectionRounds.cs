using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The correction rounds of a case, rebuilt from what it already keeps: each correction notice issued (its deficiencies),
/// the resubmission's journal entry (its answers, <c>answer.{deficiencyId}</c>) and the scans uploaded in that round.
/// Cases resubmitted before answers were journaled show their rounds with the answers left empty.
/// </summary>
internal static class CorrectionRounds
{
    public static IReadOnlyList<CorrectionRoundView> Of(CaseState state)
    {
        var notices = state.Documents.Where(d => d.Kind == DocumentKinds.CorrectionNotice).ToList();
        if (notices.Count == 0)
        {
            return [];
        }

        var resubmissions = state.Journal.Where(e => e.Action == ActionNames.Resubmit).ToList();
        var rounds = new List<CorrectionRoundView>();
        for (var i = 0; i < notices.Count; i++)
        {
            var data = DocumentData.From(notices[i].DataJson);
            var round = data.Round ?? i + 1;
            var issuedAt = notices[i].IssuedAt;
            var until = i + 1 < notices.Count ? notices[i + 1].IssuedAt : DateTimeOffset.MaxValue;
            var ids = data.Deficiencies.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

            // The resubmission answering this notice: after it was issued and before the next one.
            var answered = resubmissions.FirstOrDefault(e => e.At >= issuedAt && e.At <= until
                && (ids.Count == 0 || !e.Args.Keys.Any(k => k.StartsWith(CaseJournalKinds.AnswerPrefix, StringComparison.Ordinal))
                    || e.Args.Keys.Any(k => k.StartsWith(CaseJournalKinds.AnswerPrefix, StringComparison.Ordinal) && ids.Contains(k[CaseJournalKinds.AnswerPrefix.Length..]))));
            rounds.Add(new CorrectionRoundView
            {
                Round = round,
                RequestedAt = issuedAt,
                DueAt = data.DueAt,
                Deficiencies = data.Deficiencies,
                Answers = answered is null
                    ? new Dictionary<string, string>()
                    : answered.Args.Where(a => a.Key.StartsWith(CaseJournalKinds.AnswerPrefix, StringComparison.Ordinal))
                        .ToDictionary(a => a.Key[CaseJournalKinds.AnswerPrefix.Length..], a => a.Value),
                AnsweredAt = answered?.At,
                AnsweredByRole = answered?.Role,
                // Scans arrive with the resubmission itself, stamped with its time (a round count can run ahead of the notices
                // when two departments ask at once, so the time, not the number, ties them to the round).
                Uploads = answered is null ? [] : [.. state.Uploads.Where(u => u.Round > 0 && u.UploadedAt == answered.At)],
            });
        }

        return rounds;
    }
}
