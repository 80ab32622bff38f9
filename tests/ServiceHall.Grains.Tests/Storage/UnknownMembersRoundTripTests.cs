using System.Text.Json.Nodes;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Tests.Cases;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests.Storage;

/// <summary>
/// A rollback: a newer build stored members this build does not know, at the top of a row and deep inside it. This
/// build reads the row, changes it and writes it back, and every unknown member is still there.
/// </summary>
public sealed class UnknownMembersRoundTripTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task AnOlderBuildChangingARowKeepsTheMembersANewerBuildAdded()
    {
        var calendar = new WorkingCalendar(new CalendarOptions());
        var date = calendar.LocalDate(cluster.Clock.GetUtcNow()).AddDays(5);
        while (!calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        await cluster.Cluster.Client.GetGrain<IAppointmentScheduleGrain>(IAppointmentScheduleGrain.Key("gz")).SetAsync(new AppointmentSchedule
        {
            Rules = [new SlotRule { Window = "general-3", Date = date, From = new TimeOnly(9, 0), To = new TimeOnly(10, 0), SlotMinutes = 30, Capacity = 2 }],
            CutOffMinutes = 0,
            BookAheadDays = 30,
        });
        cluster.Clock.SetUtcNow(new DateTimeOffset(date.AddDays(-1).ToDateTime(new TimeOnly(12, 0)), China));
        var key = AppointmentKeys.Day("gz", "general-3", date);
        var booked = await cluster.Cluster.Client.GetGrain<IAppointmentDayGrain>(key).BookAsync(new BookAppointmentCommand
        {
            ServiceItemCode = "GZ-SCJG-002",
            Start = new TimeOnly(9, 0),
            Applicant = new ApplicantDetails { Name = "王小明", IdNumber = HallDays.IdNumber(77), Phone = "13800138000" },
        });
        Assert.True(booked.Succeeded, booked.Message);

        // While the cluster is down, "a newer build" writes the row with members this build has never heard of.
        await cluster.RestartAsync(async () =>
        {
            var row = await DayRowAsync(key);
            var stored = JsonNode.Parse(row.Payload)!.AsObject();
            stored["waitingList"] = new JsonArray(new JsonObject { ["position"] = 1 });
            var booking = stored["bookings"]![0]!.AsObject();
            booking["seatPreference"] = "window";
            booking["applicant"]!["preferredLanguage"] = "yue";
            await StoredGrainRows.ReplaceSqliteAsync(cluster.DataFolder, row, stored.ToJsonString());
        });

        // This build reads the row, changes the booking (a cancel, a new copy of it) and writes the row back.
        var cancelled = await cluster.Cluster.Client.GetGrain<IAppointmentDayGrain>(key).CancelAsync(booked.Appointment!.Code, "cancel-rollback");
        Assert.True(cancelled.Succeeded, cancelled.Message);

        var written = JsonNode.Parse((await DayRowAsync(key)).Payload)!.AsObject();
        var kept = written["bookings"]![0]!.AsObject();
        Assert.Equal(AppointmentStatuses.Cancelled, kept["status"]!.GetValue<string>());
        Assert.Equal(1, written["waitingList"]![0]!["position"]!.GetValue<int>());
        Assert.Equal("window", kept["seatPreference"]!.GetValue<string>());
        Assert.Equal("yue", kept["applicant"]!["preferredLanguage"]!.GetValue<string>());
    }

    private async Task<StoredGrainRows.Row> DayRowAsync(string key) =>
        Assert.Single(await StoredGrainRows.SqliteAsync(cluster.DataFolder, "appointment-day"), r => r.GrainId.Contains(key, StringComparison.Ordinal));
}
