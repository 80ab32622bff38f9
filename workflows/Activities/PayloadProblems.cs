using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities;

/// <summary>
/// Collects every refused field of one body instead of stopping at the first, so a form can mark all its wrong fields
/// in one answer; <see cref="ThrowIfAny"/> then refuses the stimulus with all of them (the first, with the rest in
/// <see cref="InvalidPayload.More"/>).
/// </summary>
public sealed class PayloadProblems
{
    private readonly List<InvalidPayload> _problems = [];

    public bool Any => _problems.Count > 0;

    /// <summary>The value <paramref name="read"/> returns, or <paramref name="fallback"/> once its refusal is noted.</summary>
    public T Check<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (StimulusRejectedException rejected) when (rejected.Error is InvalidPayload invalid)
        {
            _problems.AddRange(invalid.All);
            return fallback;
        }
    }

    public void Add(StimulusRejectedException rejected)
    {
        if (rejected.Error is InvalidPayload invalid)
        {
            _problems.AddRange(invalid.All);
        }
    }

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new StimulusRejectedException(_problems[0] with { More = _problems[1..] });
        }
    }
}
