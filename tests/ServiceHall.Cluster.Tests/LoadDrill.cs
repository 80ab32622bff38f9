using Xunit.Abstractions;

namespace ServiceHall.Cluster.Tests;

/// <summary>
/// What every drill under load shares (a kill, a rolling restart, a database outage): all three silos up, the load
/// generator running against them while the drill acts, the ledger checked once the load has finished, the cluster's
/// diagnostics in the output when anything fails, and the workers stopped whatever happens so they never run into the
/// next test.
/// </summary>
public abstract class LoadDrill(ClusterFixture cluster, ITestOutputHelper output)
{
    /// <summary>The longest any one wait of a drill may take.</summary>
    protected static readonly TimeSpan Phase = TimeSpan.FromMinutes(2);

    protected ClusterFixture Cluster => cluster;

    protected ITestOutputHelper Output => output;

    /// <summary>Runs <paramref name="drill"/> while <paramref name="workers"/> load workers send commands to the cluster.</summary>
    protected async Task UnderLoadAsync(int workers, Func<LoadRun, Task> drill)
    {
        cluster.RequireStarted();
        await cluster.EnsureAllRunningAsync();
        using var load = await LoadGenerator.CreateAsync(cluster.Nodes);
        var run = load.RunAsync(workers);
        try
        {
            await drill(new LoadRun(load, run));
        }
        catch (Exception) when (Log())
        {
            throw;
        }
        finally
        {
            await Waiting.StopQuietlyAsync(load, run);
        }

        bool Log()
        {
            output.WriteLine(cluster.Diagnostics());
            return false;
        }
    }
}

/// <summary>The load of one drill: its generator and ledger, and the end of the run with the ledger's verdict.</summary>
public sealed class LoadRun(LoadGenerator load, Task run)
{
    public LoadGenerator Load => load;

    public CommandLedger Ledger => load.Ledger;

    /// <summary>Stops opening cases, waits for the workers to finish (bounded) and reads every case against the ledger.</summary>
    public async Task<LedgerFigures> FinishAsync()
    {
        await Waiting.FinishAsync(load, run);
        return await LedgerChecker.CheckAsync(load);
    }
}
