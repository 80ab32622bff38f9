using ServiceHall.Workflows;

namespace ServiceHall.Grains.Consultations;

/// <summary>
/// Enquiries (咨询) answered at one hall's windows (key: <c>consultations-{hall}</c>): each one recorded, counted per
/// window, day, channel and outcome for the hall's statistics.
/// </summary>
[Alias("ServiceHall.Grains.Consultations.IConsultationLogGrain")]
public interface IConsultationLogGrain : IGrainWithStringKey
{
    /// <summary>Records an enquiry; a retried request with the same id is recorded once.</summary>
    [Alias("RecordAsync")]
    Task<Consultation> RecordAsync(Consultation consultation);

    [Alias("CountAsync")]
    Task<IReadOnlyList<ConsultationCount>> CountAsync(DateOnly from, DateOnly to);

    public static string Key(string hall) => "consultations-" + hall.ToLowerInvariant();
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Consultations.Consultation")]
public sealed record Consultation : StoredRecord
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Hall { get; init; }
    [Id(2)] public required string Window { get; init; }

    /// <summary>window, cross-city, nansha, key-project, instant, online, phone.</summary>
    [Id(3)] public required string Channel { get; init; }

    [Id(4)] public string? ServiceItemCode { get; init; }

    /// <summary>answered, referred (to a department), appointment-booked, application-opened.</summary>
    [Id(5)] public required string Outcome { get; init; }

    [Id(6)] public string? Topic { get; init; }
    [Id(7)] public required string RecordedBy { get; init; }
    [Id(8)] public required DateTimeOffset At { get; init; }
    [Id(9)] public required DateOnly Day { get; init; }
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Consultations.ConsultationCount")]
public sealed record ConsultationCount(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] string Window,
    [property: Id(2)] string Channel,
    [property: Id(3)] string Outcome,
    [property: Id(4)] int Count);
