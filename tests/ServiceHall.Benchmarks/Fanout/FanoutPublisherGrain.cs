using Orleans.Streams;
using ServiceHall.Grains.Live;

namespace ServiceHall.Benchmarks.Fanout;

/// <summary>Stands in for a case grain: publishes one change the way the variant under test does.</summary>
[Alias("ServiceHall.Benchmarks.Fanout.IFanoutPublisherGrain")]
public interface IFanoutPublisherGrain : IGrainWithIntegerKey
{
    [Alias("PublishAsync")]
    Task PublishAsync(CaseChanged change);
}

internal sealed class FanoutPublisherGrain(FanoutSetup setup) : Orleans.Grain, IFanoutPublisherGrain
{
    private IAsyncStream<CaseChanged>? _stream;

    async Task IFanoutPublisherGrain.PublishAsync(CaseChanged change)
    {
        if (setup.Mechanism == FanoutMechanism.Observer)
        {
            // Exactly what CaseGrain does after its write: a one-way call, not awaited.
            GrainFactory.GetGrain<ICaseFeedGrain>(ICaseFeedGrain.Key).PublishAsync(change).Ignore();
            return;
        }

        // A stream producer awaits the enqueue into the memory queue grain; a case grain would wait here too.
        _stream ??= this.GetStreamProvider(FanoutStreams.Provider).GetStream<CaseChanged>(FanoutStreams.Id);
        await _stream.OnNextAsync(change);
    }
}
