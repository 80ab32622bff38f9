using ServiceHall.Workflows;

namespace ServiceHall.Grains.Appointments;

/// <summary>
/// A hall's bookable slots as the admin configured them: rules per window (optionally limited to service items and
/// weekdays or one date), each cutting a time range into equal slots with a capacity. Days off on the calendar have
/// no slots whatever the rules say.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.AppointmentSchedule")]
public sealed record AppointmentSchedule : StoredRecord
{
    [Id(0)] public IReadOnlyList<SlotRule> Rules { get; init; } = [];

    /// <summary>Rescheduling and cancelling close this long before the slot starts.</summary>
    [Id(1)] public int CutOffMinutes { get; init; } = 120;

    /// <summary>How many days ahead (counting today) applicants may book.</summary>
    [Id(2)] public int BookAheadDays { get; init; } = 14;

    /// <summary>Bumped by every change, so a page can say which configuration it shows.</summary>
    [Id(3)] public int Version { get; init; }
}

/// <summary>One window's slots: <see cref="From"/>–<see cref="To"/> cut into <see cref="SlotMinutes"/> pieces of <see cref="Capacity"/> places.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.SlotRule")]
public sealed record SlotRule : StoredRecord
{
    [Id(0)] public required string Window { get; init; }

    /// <summary>The service items booked here; empty means every item the window's channel offers.</summary>
    [Id(1)] public IReadOnlyList<string> ServiceItems { get; init; } = [];

    /// <summary>Weekdays the rule applies on (ISO 1 = Monday … 7 = Sunday); empty means every working day.</summary>
    [Id(2)] public IReadOnlyList<int> Weekdays { get; init; } = [];

    /// <summary>When set, the rule applies on this date only (and replaces the window's weekday rules that day).</summary>
    [Id(3)] public DateOnly? Date { get; init; }

    [Id(4)] public required TimeOnly From { get; init; }
    [Id(5)] public required TimeOnly To { get; init; }
    [Id(6)] public required int SlotMinutes { get; init; }
    [Id(7)] public required int Capacity { get; init; }
}

/// <summary>A slot of one window on one day, with its places.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.SlotView")]
public sealed record SlotView
{
    [Id(0)] public required string Window { get; init; }
    [Id(1)] public required DateOnly Date { get; init; }
    [Id(2)] public required TimeOnly Start { get; init; }
    [Id(3)] public required TimeOnly End { get; init; }
    [Id(4)] public required int Capacity { get; init; }
    [Id(5)] public required int Booked { get; init; }
    [Id(6)] public required IReadOnlyList<string> ServiceItems { get; init; }

    /// <summary>False once the slot has started (or is beyond the booking horizon).</summary>
    [Id(7)] public required bool Open { get; init; }

    public int Remaining => Math.Max(0, Capacity - Booked);
}
