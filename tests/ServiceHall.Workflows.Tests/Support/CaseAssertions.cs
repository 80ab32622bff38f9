using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Tests.Support;

internal static class CaseAssertions
{
    /// <summary>The journal numbers every entry once, from 1, in order, across all stimuli.</summary>
    public static void JournalIsGapFree(IReadOnlyList<JournalEntry> journal, WorkflowState state)
    {
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.Sequence));
        Assert.Equal(journal.Count, state.JournalSequence);
    }

    /// <summary>No human step has two open bookmarks.</summary>
    public static void StepsAreUnique(WorkflowState state)
    {
        Assert.Equal(state.OpenSteps.Count, state.OpenSteps.Select(s => s.StepKey).Distinct().Count());
        Assert.Equal(state.OpenSteps.Count, state.OpenSteps.Select(s => s.Id).Distinct().Count());
    }

    public static void FinishedCleanly(CaseDriver driver)
    {
        Assert.Equal(WorkflowStatus.Finished, driver.State.Status);
        Assert.Equal(BoardStage.Closed, driver.State.Stage);
        Assert.Empty(driver.State.OpenSteps);
        Assert.Empty(driver.State.Timers);
        Assert.Empty(driver.State.Incidents);
        Assert.Equal(driver.Now, driver.State.FinishedAt);
        JournalIsGapFree(driver.Journal, driver.State);

        // Every timer the host was asked to schedule was either fired or cancelled.
        var fired = driver.Journal.Where(e => e.Event == JournalEvent.TimerFired).Count();
        Assert.Equal(driver.EffectsOf<ScheduleTimer>().Count(), driver.EffectsOf<CancelTimer>().Count() + fired);
    }
}
