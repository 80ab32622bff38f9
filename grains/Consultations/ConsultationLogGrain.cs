using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Consultations;

[GrainType("consultation-log")]
internal sealed class ConsultationLogGrain(
    [PersistentState("consultation-log", StorageNames.GrainState)] IPersistentState<ConsultationLogState> state) : Grain, IConsultationLogGrain
{
    // Individual enquiries are kept for a while (the idempotency window and recent lists); the counts for ever.
    private const int KeptRecords = 5000;

    async Task<Consultation> IConsultationLogGrain.RecordAsync(Consultation consultation)
    {
        if (state.State.Recent.FirstOrDefault(c => c.Id == consultation.Id) is { } known)
        {
            return known;
        }

        state.State.Recent.Add(consultation);
        if (state.State.Recent.Count > KeptRecords)
        {
            state.State.Recent.RemoveRange(0, state.State.Recent.Count - KeptRecords);
        }

        var key = $"{consultation.Day:yyyy-MM-dd}|{consultation.Window}|{consultation.Channel}|{consultation.Outcome}";
        state.State.Counts[key] = state.State.Counts.GetValueOrDefault(key) + 1;
        await state.WriteStateAsync();
        return consultation;
    }

    Task<IReadOnlyList<ConsultationCount>> IConsultationLogGrain.CountAsync(DateOnly from, DateOnly to) =>
        Task.FromResult<IReadOnlyList<ConsultationCount>>(state.State.Counts
            .Select(pair => (Parts: pair.Key.Split('|'), pair.Value))
            .Select(entry => new ConsultationCount(DateOnly.Parse(entry.Parts[0], System.Globalization.CultureInfo.InvariantCulture), entry.Parts[1], entry.Parts[2], entry.Parts[3], entry.Value))
            .Where(count => count.Day >= from && count.Day <= to)
            .OrderBy(count => count.Day).ThenBy(count => count.Window)
            .ToList());
}

internal sealed class ConsultationLogState : StoredObject
{
    public List<Consultation> Recent { get; set; } = [];

    /// <summary>day|window|channel|outcome → count.</summary>
    public Dictionary<string, int> Counts { get; set; } = [];
}
