namespace ServiceHall.Grains.Cases;

/// <summary>A hall's figures over a period: volumes, handling times, returns, online share, breaches, copies saved.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseStatistics")]
public sealed record CaseStatistics
{
    [Id(0)] public required int Opened { get; init; }
    [Id(1)] public required int Completed { get; init; }
    [Id(2)] public required IReadOnlyDictionary<string, int> ByChannel { get; init; }
    [Id(3)] public required IReadOnlyDictionary<string, int> ByWindow { get; init; }
    [Id(4)] public required IReadOnlyDictionary<string, int> ByDay { get; init; }
    [Id(5)] public required IReadOnlyDictionary<string, int> ByStatus { get; init; }

    /// <summary>Opening to completion, over completed cases (minutes), overall and per channel.</summary>
    [Id(6)] public double? AverageHandlingMinutes { get; init; }
    [Id(7)] public double? FastestHandlingMinutes { get; init; }
    [Id(8)] public required IReadOnlyDictionary<string, double> AverageHandlingMinutesByChannel { get; init; }

    /// <summary>Share of cases sent back for correction at least once (退件率).</summary>
    [Id(9)] public required double ReturnRate { get; init; }

    /// <summary>Share of cases on the online channel (网办率).</summary>
    [Id(10)] public required double OnlineShare { get; init; }

    [Id(11)] public required int SlaBreaches { get; init; }
    [Id(12)] public required int CopiesSaved { get; init; }

    /// <summary>Of <see cref="CopiesSaved"/>: ID-card copies waived and business-licence copies replaced by e-licences.</summary>
    [Id(50)] public int IdCardCopiesWaived { get; init; }

    [Id(51)] public int LicenceCopiesWaived { get; init; }
    /// <summary>Appointments that held a place on the period's days, and how many of them were not shown up for.</summary>
    [Id(40)] public int Bookings { get; init; }
    [Id(41)] public int NoShows { get; init; }
    [Id(42)] public double NoShowRate { get; init; }

    /// <summary>Check-in (the case opening) to acceptance, over cases opened from an appointment and accepted (minutes).</summary>
    [Id(43)] public double? AverageWaitMinutes { get; init; }
}
