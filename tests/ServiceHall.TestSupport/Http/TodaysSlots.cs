using System.Net;
using Xunit;

namespace ServiceHall.TestSupport;

/// <summary>
/// Appointment set-up the booking tests share: today's slots at the hall's windows, on a silo whose clock starts at
/// <see cref="HallDays.Morning"/>, and a booking made through the API as an applicant with a texted code.
/// </summary>
public static class TodaysSlots
{
    /// <summary>The item every appointment test books (营业执照变更登记).</summary>
    public const string Item = "GZ-SCJG-002";

    /// <summary>
    /// Replaces hall gz's slot rules with one 10-minute slot of 3 places per window, one after another, the first ten
    /// minutes after the morning clock (bookable: the cut-off is 5 minutes). Returns each window's start ("HH:mm").
    /// </summary>
    public static async Task<string[]> OpenAsync(CaseWalker walker, params string[] windows)
    {
        var first = TimeOnly.FromDateTime(HallDays.Morning.DateTime).AddMinutes(10);
        var today = HallDays.Text(HallDays.Today);
        var starts = windows.Select((_, i) => first.AddMinutes(10 * i)).ToArray();
        var admin = await walker.AsAsync("admin");
        var reply = await admin.PutAsync("/api/appointments/schedule?hall=gz", new
        {
            rules = windows.Select((window, i) => new
            {
                window, date = today, from = starts[i].ToString("HH:mm"), to = starts[i].AddMinutes(10).ToString("HH:mm"), slotMinutes = 10, capacity = 3,
            }).ToArray(),
            cutOffMinutes = 5,
        });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return [.. starts.Select(s => s.ToString("HH:mm"))];
    }

    /// <summary>Books today's slot at <paramref name="window"/> through the API with a texted code; returns the appointment code.</summary>
    public static async Task<string> BookAsync(CaseWalker walker, string window, string start, int applicant = 417)
    {
        var phone = PhoneCodes.NewPhone();
        var verification = await PhoneCodes.RequestAsync(walker.Anonymous, await walker.AsAsync("admin"), phone);
        var booked = await walker.Anonymous.PostAsync("/api/appointments", new
        {
            hall = "gz",
            window,
            date = HallDays.Text(HallDays.Today),
            start,
            serviceItemCode = Item,
            applicant = new { name = "王小明", idNumber = HallDays.IdNumber(applicant), phone },
            verificationCode = verification,
        });
        Assert.True(booked.Status == HttpStatusCode.Created, booked.ToString());
        return booked.Json["code"]!.GetValue<string>();
    }
}
