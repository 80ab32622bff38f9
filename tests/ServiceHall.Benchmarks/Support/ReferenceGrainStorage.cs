using System.Collections.Concurrent;
using Orleans.Storage;

namespace ServiceHall.Benchmarks.Support;

/// <summary>
/// In-memory grain storage that keeps each grain's state object by reference (with an ETag check) instead of a
/// serialized copy. The scale section uses it for two reasons: a production silo's store is out of process, so a
/// serialized copy per grain would inflate the RSS being measured; and Orleans' memory storage re-serializes the hall
/// index (every summary) on each case write, which makes opening 100k cases quadratic (the section reports that cost
/// separately instead of waiting hours for it).
/// </summary>
internal sealed class ReferenceGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId Grain), (object? State, string ETag)> _rows = new();
    private long _etag;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = (T)row.State!;
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var etag = Interlocked.Increment(ref _etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A grain writes its own row one call at a time, so check-then-set is enough; a stale ETag still fails as in
        // the real stores.
        var known = _rows.TryGetValue(key, out var row) ? row.ETag : null;
        if (known != grainState.ETag)
        {
            throw new InconsistentStateException($"ETag mismatch for {stateName}/{grainId}", known, grainState.ETag);
        }

        _rows[key] = (grainState.State, etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
