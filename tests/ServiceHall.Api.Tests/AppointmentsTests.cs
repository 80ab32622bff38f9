using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// A silo whose calendar makes today and the next days working days, so slots exist whatever day the tests run, on
/// the test clock started at 10:00 hall time (whatever the wall says; it then moves only when a test moves it, so a
/// wait can be measured exactly).
/// </summary>
public sealed class AppointmentSiloFixture : SiloFixture
{
    // Every booking and code request here comes from one loopback address (200 at once in one test): the hall's
    // anonymous allowances per address are raised for this silo, not switched off. A phone may ask for its next code
    // at once, so one applicant's bookings need no wait on the test clock (which moves only when a test moves it).
    protected override IEnumerable<string> ExtraSettings =>
    [
        .. HallDays.WorkingDaySettings(), HallDays.MorningClockSetting,
        "--ServiceHall:AnonymousActionRateLimit:PermitLimit=10000",
        "--ServiceHall:ApplicantRateLimit:PermitLimit=10000",
        "--ServiceHall:PhoneVerification:ResendInterval=00:00:00",
        "--ServiceHall:PhoneVerification:MaxSendsPerWindow=100",
    ];
}

/// <summary>
/// <c>/api/appointments</c> over real HTTP against a real silo (system clock): the last place under concurrency,
/// check-in opening the case, idempotent retries and field-naming refusals. Cut-off and no-show rules run on the fake
/// clock in the grain tests (AppointmentRulesTests).
/// </summary>
public sealed class AppointmentsTests(AppointmentSiloFixture silo) : IClassFixture<AppointmentSiloFixture>, IDisposable
{
    private const string Item = "GZ-SCJG-002";
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    private static DateOnly Tomorrow => HallDays.Today.AddDays(1);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task TwoHundredConcurrentBookingsForFiftyPlacesLetExactlyFiftyThrough()
    {
        await ConfigureAsync();
        var applicants = Enumerable.Range(0, 200).ToList();
        var phones = new HashSet<string>();
        while (phones.Count < applicants.Count)
        {
            phones.Add(PhoneCodes.NewPhone());
        }

        var codes = await PhoneCodes.RequestManyAsync(_walker.Anonymous, await _walker.AsAsync("admin"), phones);
        var proofs = phones.Select(p => (p, codes[p])).ToList();
        using var gate = new SemaphoreSlim(0);
        var clients = applicants.Select(_ => new ApiClient(silo.BaseUrl)).ToList();
        try
        {
            var attempts = applicants.Select(async n =>
            {
                await gate.WaitAsync();
                return await clients[n].PostAsync("/api/appointments", Booking("general-2", Tomorrow, "09:00", n, proofs[n]));
            }).ToList();
            gate.Release(applicants.Count);
            var replies = await Task.WhenAll(attempts);

            var booked = replies.Where(r => r.Status == HttpStatusCode.Created).ToList();
            var refused = replies.Where(r => r.Status == HttpStatusCode.Conflict).ToList();
            Assert.Equal(50, booked.Count);
            Assert.Equal(150, refused.Count);
            Assert.All(refused, r => Assert.Equal("start", r.Field));
            Assert.All(refused, r => Assert.Equal("appointment.full", r.Json["code"]!.GetValue<string>()));
            Assert.Equal(50, booked.Select(r => r.Json["code"]!.GetValue<string>()).Distinct().Count());

            var slots = (await _walker.Anonymous.GetAsync($"/api/appointments/slots?hall=gz&serviceItemCode={Item}&date={HallDays.Text(Tomorrow)}")).Json;
            var slot = slots["slots"]!.AsArray().Single(s => s!["window"]!.GetValue<string>() == "general-2" && s["start"]!.GetValue<string>().StartsWith("09:00"))!;
            Assert.Equal((50, 50, 0), (slot["capacity"]!.GetValue<int>(), slot["booked"]!.GetValue<int>(), slot["remaining"]!.GetValue<int>()));

            var admin = await _walker.AsAsync("admin");
            var day = (await admin.GetAsync($"/api/appointments/day?hall=gz&window=general-2&date={HallDays.Text(Tomorrow)}")).Json;
            Assert.Equal(50, day["appointments"]!.AsArray().Count(a => a!["start"]!.GetValue<string>().StartsWith("09:00") && a["status"]!.GetValue<string>() == "booked"));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task CheckInOpensThePreFilledCaseLinkedToTheAppointment()
    {
        var (start, today) = await ConfigureTodayAsync();
        var manager = await _walker.AsAsync("manager");
        var before = (await manager.GetAsync("/api/stats/cases")).Json;
        var proof = await ProofAsync();
        var booked = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-1", today, start, 900, proof), idempotencyKey: "book-" + Guid.NewGuid());
        Assert.True(booked.Status == HttpStatusCode.Created, booked.ToString());
        var code = booked.Json["code"]!.GetValue<string>();
        Assert.Equal("booked", booked.Json["status"]!.GetValue<string>());
        Assert.Equal(proof.Phone[..3] + "****" + proof.Phone[7..], booked.Json["applicantPhone"]!.GetValue<string>());

        var clerk = await _walker.AsAsync("clerk");
        var listed = (await clerk.GetAsync("/api/appointments/day")).Json["appointments"]!.AsArray().Single(a => a!["code"]!.GetValue<string>() == code)!;
        Assert.Equal(("booked", "王小明"), (listed["status"]!.GetValue<string>(), listed["applicantName"]!.GetValue<string>()));

        var key = "check-in-" + Guid.NewGuid();
        var checkedIn = await clerk.PostAsync($"/api/appointments/{code}/check-in", new { materials = new[] { new { code = "application-form", form = "original" } } }, key);
        Assert.True(checkedIn.Status == HttpStatusCode.OK, checkedIn.ToString());
        var opened = checkedIn.Json["case"]!;
        var caseId = opened["id"]!.GetValue<string>();
        Assert.Equal("checked-in", checkedIn.Json["appointment"]!["status"]!.GetValue<string>());
        Assert.Equal(caseId, checkedIn.Json["appointment"]!["caseId"]!.GetValue<string>());
        Assert.Equal((Item, "window", "general-1", code), (opened["serviceItem"]!["code"]!.GetValue<string>(), opened["channel"]!.GetValue<string>(),
            opened["window"]!.GetValue<string>(), opened["appointmentCode"]!.GetValue<string>()));
        Assert.Equal(("王小明", HallDays.IdNumber(900)), (opened["applicant"]!["name"]!.GetValue<string>(), opened["applicant"]!["idNumber"]!.GetValue<string>()));
        Assert.Equal("submitted", opened["materials"]!.AsArray().Single(m => m!["code"]!.GetValue<string>() == "application-form")!["status"]!.GetValue<string>());

        // A retried check-in (same key, or a second click) answers with the same case; no second case is opened.
        var again = await clerk.PostAsync($"/api/appointments/{code}/check-in", new { }, key);
        var click = await clerk.PostAsync($"/api/appointments/{code}/check-in", new { }, "another-" + Guid.NewGuid());
        Assert.Equal((HttpStatusCode.OK, caseId), (again.Status, again.Json["case"]!["id"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, caseId), (click.Status, click.Json["case"]!["id"]!.GetValue<string>()));

        var fromCase = await _walker.GetAsync(caseId);
        Assert.Equal(code, fromCase["appointmentCode"]!.GetValue<string>());
        var applicantView = (await _walker.Anonymous.GetAsync($"/api/appointments/{code}")).Json;
        Assert.Equal(("checked-in", opened["number"]!.GetValue<string>()), (applicantView["status"]!.GetValue<string>(), applicantView["caseNumber"]!.GetValue<string>()));

        // Cancelling after check-in is refused, and the booking stays checked in.
        var cancel = await _walker.Anonymous.PostAsync($"/api/appointments/{code}/cancel", new { });
        Assert.Equal((HttpStatusCode.Conflict, "code"), (cancel.Status, cancel.Field));

        // Three minutes on the test clock after the check-in, acceptance closes the wait: the hall's figures show
        // exactly that wait (the only appointment case of the day) and one booking more than before.
        var advanced = await (await _walker.AsAsync("admin")).PostAsync("/api/test-clock/advance", new { seconds = 180 });
        Assert.True(advanced.Status == HttpStatusCode.OK, advanced.ToString());
        var clerkAgain = await _walker.AsAsync("clerk");
        // Issue 21: the check-in recorded only the application form, so the case cannot be accepted as complete; the
        // clerk accepts it explicitly with the missing materials listed on the receipt.
        var asComplete = await clerkAgain.PostAsync($"/api/cases/{caseId}/actions/accept", new { });
        Assert.Equal((HttpStatusCode.BadRequest, "materials"), (asComplete.Status, asComplete.Field));
        var accept = await clerkAgain.PostAsync($"/api/cases/{caseId}/actions/accept", new { acceptWithDeficiencies = true });
        Assert.True(accept.Status == HttpStatusCode.OK, accept.ToString());
        var accepted = await _walker.WaitForBoardAsync(await _walker.GetAsync(caseId));
        Assert.NotNull(accepted);
        Assert.Null(before["averageWaitMinutes"]);
        var bookingsBefore = before["bookings"]!.GetValue<int>();
        var stats = await WaitForStatsAsync(s => s["averageWaitMinutes"] is not null && s["bookings"]!.GetValue<int>() == bookingsBefore + 1);
        Assert.Equal(3.0, stats["averageWaitMinutes"]!.GetValue<double>());
        Assert.Equal(bookingsBefore + 1, stats["bookings"]!.GetValue<int>());

        // The figures are kept per month: a period across month ends adds the months up (every booking here is within
        // weeks of today), and the months before today's hold none of them.
        var reader = await _walker.AsAsync("manager");
        var across = (await reader.GetAsync($"/api/stats/cases?from={HallDays.Text(today.AddMonths(-1))}&to={HallDays.Text(today.AddMonths(2))}")).Json;
        var all = (await reader.GetAsync("/api/stats/cases")).Json;
        Assert.Equal(all["bookings"]!.GetValue<int>(), across["bookings"]!.GetValue<int>());
        Assert.Equal(all["noShowRate"]!.GetValue<double>(), across["noShowRate"]!.GetValue<double>());
        var earlier = (await reader.GetAsync($"/api/stats/cases?from={HallDays.Text(today.AddMonths(-3))}&to={HallDays.Text(today.AddDays(1 - today.Day).AddDays(-1))}")).Json;
        Assert.Equal(0, earlier["bookings"]!.GetValue<int>());
    }

    [Fact]
    public async Task RetriedBookingsAndCancelsAreAppliedOnce()
    {
        await ConfigureAsync();
        var key = "book-" + Guid.NewGuid();
        var proof = await ProofAsync();
        var first = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "10:00", 700, proof), key);
        var retry = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "10:00", 700, proof), key);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        var code = first.Json["code"]!.GetValue<string>();
        Assert.Equal(code, retry.Json["code"]!.GetValue<string>());
        Assert.Equal(1, await BookedAsync("general-3", Tomorrow, "10:00"));

        // A replay says so in a header and still points at the booking, as a replayed case command does.
        using (var raw = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) })
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments") { Content = System.Net.Http.Json.JsonContent.Create(Booking("general-3", Tomorrow, "10:00", 700, proof)) })
        {
            request.Headers.Add("Idempotency-Key", key);
            using var replayed = await raw.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
            Assert.Equal(["true"], replayed.Headers.GetValues("Idempotent-Replayed"));
            Assert.Equal($"/api/appointments/{code}", replayed.Headers.Location?.OriginalString);
        }

        var cancelKey = "cancel-" + Guid.NewGuid();
        var cancelled = await _walker.Anonymous.PostAsync($"/api/appointments/{code}/cancel", new { }, cancelKey);
        var cancelledAgain = await _walker.Anonymous.PostAsync($"/api/appointments/{code}/cancel", new { }, cancelKey);
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (cancelled.Status, cancelled.Json["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (cancelledAgain.Status, cancelledAgain.Json["status"]!.GetValue<string>()));
        Assert.Equal(0, await BookedAsync("general-3", Tomorrow, "10:00"));

        // The applicant books again and moves to the next slot; the code stays, the places follow.
        var rebooked = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "10:00", 701, await ProofAsync()));
        var newCode = rebooked.Json["code"]!.GetValue<string>();
        var moved = await _walker.Anonymous.PostAsync($"/api/appointments/{newCode}/reschedule", new { date = HallDays.Text(Tomorrow), start = "10:30" }, "move-" + Guid.NewGuid());
        Assert.True(moved.Status == HttpStatusCode.OK, moved.ToString());
        Assert.Equal((newCode, "10:30:00"), (moved.Json["code"]!.GetValue<string>(), moved.Json["start"]!.GetValue<string>()));
        Assert.Equal((0, 1), (await BookedAsync("general-3", Tomorrow, "10:00"), await BookedAsync("general-3", Tomorrow, "10:30")));
    }

    [Fact]
    public async Task ABookingWithoutTheCodeTextedToItsPhoneIsRefusedAndTextsNobody()
    {
        await ConfigureAsync();
        var before = await BookedAsync("general-3", Tomorrow, "11:30");
        var stranger = PhoneCodes.NewPhone("136");
        var attacker = await ProofAsync();
        var anonymous = _walker.Anonymous;

        // No code, a guessed one, and the attacker's own valid code given with the stranger's phone: none proves it.
        var noCode = await anonymous.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "11:30", 500, (stranger, "")));
        var guessed = await anonymous.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "11:30", 500, (stranger, "123456")));
        var borrowed = await anonymous.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "11:30", 500, (stranger, attacker.Code)));
        Assert.All([noCode, guessed, borrowed], r => Assert.True((r.Status, r.Field) == (HttpStatusCode.Unauthorized, "verificationCode"), r.ToString()));

        Assert.Equal(before, await BookedAsync("general-3", Tomorrow, "11:30"));
        var outbox = (await (await _walker.AsAsync("admin")).GetAsync("/api/outbox?take=2000")).Json.AsArray();
        Assert.DoesNotContain(outbox, m => m!["message"]!["to"]!.GetValue<string>() == stranger);

        // The holder's own code books, once: a second booking with the used code is refused.
        var own = await anonymous.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "11:30", 501, attacker));
        Assert.True(own.Status == HttpStatusCode.Created, own.ToString());
        var reused = await anonymous.PostAsync("/api/appointments", Booking("general-3", HallDays.Today.AddDays(2), "11:30", 502, attacker));
        Assert.Equal((HttpStatusCode.Unauthorized, "verificationCode"), (reused.Status, reused.Field));
    }

    [Fact]
    public async Task OnePhoneAndOneIdNumberHoldOnlySoManyOpenBookings()
    {
        await ConfigureAsync();
        var dayAfter = HallDays.Today.AddDays(2);
        var phone = PhoneCodes.NewPhone("135");
        var codes = new List<string>();
        foreach (var (start, applicant) in new[] { ("10:00", 601), ("10:30", 602), ("11:00", 603) })
        {
            var booked = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-3", dayAfter, start, applicant, await ProofAsync(phone)));
            Assert.True(booked.Status == HttpStatusCode.Created, booked.ToString());
            codes.Add(booked.Json["code"]!.GetValue<string>());
        }

        // A fourth open booking for the phone (a new person, with a valid code): 429 naming the phone, nothing booked.
        var fourth = await ProofAsync(phone);
        var refused = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-3", dayAfter, "11:30", 604, fourth));
        Assert.True((refused.Status, refused.Field) == (HttpStatusCode.TooManyRequests, "applicant.phone"), refused.ToString());
        Assert.Equal(0, await BookedAsync("general-3", dayAfter, "11:30"));

        // A cancel frees the place; the refused code was given back, so the same request now books.
        var cancelled = await _walker.Anonymous.PostAsync($"/api/appointments/{codes[0]}/cancel", new { });
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        var afterCancel = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-3", dayAfter, "11:30", 604, fourth));
        Assert.True(afterCancel.Status == HttpStatusCode.Created, afterCancel.ToString());

        // One ID number, whatever the phones: two open bookings, the third refused naming the ID number.
        var first = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "11:00", 650, await ProofAsync()));
        var second = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-3", dayAfter, "10:00", 650, await ProofAsync()));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, second.Status));
        var third = await _walker.Anonymous.PostAsync("/api/appointments", Booking("general-3", HallDays.Today.AddDays(3), "10:00", 650, await ProofAsync()));
        Assert.True((third.Status, third.Field) == (HttpStatusCode.TooManyRequests, "applicant.idNumber"), third.ToString());
    }

    [Fact]
    public async Task BadInputIsRefusedNamingTheFieldAndChangesNothing()
    {
        await ConfigureAsync();
        var before = await BookedAsync("general-3", Tomorrow, "11:00");
        var anonymous = _walker.Anonymous;
        var date = HallDays.Text(Tomorrow);

        async Task Refused(HttpStatusCode status, string field, object body)
        {
            var reply = await anonymous.PostAsync("/api/appointments", body);
            Assert.True((status, field) == (reply.Status, reply.Field), $"expected {(int)status} {field}: {reply}");
        }

        // Field checks come before the code (a malformed request costs no try); what only the day can refuse comes after it.
        var (phone, verificationCode) = await ProofAsync();
        var applicant = new { name = "王小明", idNumber = HallDays.IdNumber(800), phone };
        await Refused(HttpStatusCode.BadRequest, "date", new { hall = "gz", window = "general-3", date = "tomorrow", start = "11:00", serviceItemCode = Item, applicant });
        await Refused(HttpStatusCode.BadRequest, "start", new { hall = "gz", window = "general-3", date, start = "11am", serviceItemCode = Item, applicant });
        await Refused(HttpStatusCode.BadRequest, "window", new { hall = "gz", window = "window-99", date, start = "11:00", serviceItemCode = Item, applicant });
        await Refused(HttpStatusCode.BadRequest, "hall", new { hall = "nowhere", window = "general-3", date, start = "11:00", serviceItemCode = Item, applicant });
        await Refused(HttpStatusCode.BadRequest, "serviceItemCode", new { hall = "gz", window = "general-3", date, start = "11:00", applicant });
        await Refused(HttpStatusCode.BadRequest, "applicant", new { hall = "gz", window = "general-3", date, start = "11:00", serviceItemCode = Item });
        await Refused(HttpStatusCode.BadRequest, "applicant.idNumber", new
        {
            hall = "gz", window = "general-3", date, start = "11:00", serviceItemCode = Item,
            applicant = new { name = "王小明", idNumber = "440106199003071230", phone = "13800138000" },
        });
        await Refused(HttpStatusCode.BadRequest, "applicant.phone", new
        {
            hall = "gz", window = "general-3", date, start = "11:00", serviceItemCode = Item,
            applicant = new { name = "王小明", idNumber = HallDays.IdNumber(800), phone = "12345" },
        });
        await Refused(HttpStatusCode.UnprocessableEntity, "start", new { hall = "gz", window = "general-3", date, start = "11:10", serviceItemCode = Item, applicant, verificationCode });
        await Refused(HttpStatusCode.UnprocessableEntity, "serviceItemCode", new { hall = "gz", window = "general-3", date, start = "11:00", serviceItemCode = "NO-SUCH", applicant, verificationCode });
        await Refused(HttpStatusCode.UnprocessableEntity, "date", new { hall = "gz", window = "general-3", date = HallDays.Text(HallDays.Today.AddDays(60)), start = "11:00", serviceItemCode = Item, applicant, verificationCode });
        var malformed = await anonymous.PostAsync("/api/appointments", null, rawBody: "{\"hall\": ");
        Assert.Equal((HttpStatusCode.BadRequest, "body"), (malformed.Status, malformed.Field));
        Assert.Equal(before, await BookedAsync("general-3", Tomorrow, "11:00"));

        // Slots are listed only where the item can be booked: the Nansha window has some, but not for this item.
        var listed = (await anonymous.GetAsync($"/api/appointments/slots?hall=gz&serviceItemCode={Item}&date={date}")).Json["slots"]!.AsArray();
        Assert.Contains(listed, s => s!["window"]!.GetValue<string>() == "general-3");
        Assert.DoesNotContain(listed, s => s!["window"]!.GetValue<string>() == "nansha");
        var nanshaDay = (await (await _walker.AsAsync("admin")).GetAsync($"/api/appointments/day?hall=gz&window=nansha&date={date}")).Json;
        Assert.Equal(2, nanshaDay["slots"]!.AsArray().Count);
        await Refused(HttpStatusCode.UnprocessableEntity, "serviceItemCode", new { hall = "gz", window = "nansha", date, start = "10:00", serviceItemCode = Item, applicant, verificationCode });

        var unknown = await anonymous.GetAsync("/api/appointments/YYABCDEFGHJKMN");
        Assert.Equal((HttpStatusCode.NotFound, "code"), (unknown.Status, unknown.Field));
        var badMove = await anonymous.PostAsync("/api/appointments/YYABCDEFGHJKMN/reschedule", new { date = "soon", start = "10:00" });
        Assert.Equal((HttpStatusCode.BadRequest, "date"), (badMove.Status, badMove.Field));
        var slots = await anonymous.GetAsync($"/api/appointments/slots?hall=gz&date={date}");
        Assert.Equal((HttpStatusCode.BadRequest, "serviceItemCode"), (slots.Status, slots.Field));

        var admin = await _walker.AsAsync("admin");
        var zero = await admin.PutAsync("/api/appointments/schedule?hall=gz", new { rules = new[] { new { window = "general-1", from = "09:00", to = "10:00", slotMinutes = 30, capacity = 0 } } });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "rules[0].capacity"), (zero.Status, zero.Field));
        var badTime = await admin.PutAsync("/api/appointments/schedule?hall=gz", new { rules = new[] { new { window = "general-1", from = "9", to = "10:00", slotMinutes = 30, capacity = 1 } } });
        Assert.Equal((HttpStatusCode.BadRequest, "rules[0].from"), (badTime.Status, badTime.Field));
        var sunday0 = await admin.PutAsync("/api/appointments/schedule?hall=gz", new { rules = new[] { new { window = "general-1", from = "09:00", to = "10:00", slotMinutes = 30, capacity = 1, weekdays = new[] { 1, 0 } } } });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "rules[0].weekdays"), (sunday0.Status, sunday0.Field));

        // Two weekly rules meeting on Wednesday morning at one window would add up its places.
        var overlapping = await admin.PutAsync("/api/appointments/schedule?hall=gz", new
        {
            rules = new object[]
            {
                new { window = "general-1", from = "09:00", to = "11:00", slotMinutes = 30, capacity = 2, weekdays = new[] { 1, 3 } },
                new { window = "general-2", from = "09:00", to = "11:00", slotMinutes = 30, capacity = 2 },
                new { window = "general-1", from = "10:15", to = "12:15", slotMinutes = 60, capacity = 3, weekdays = new[] { 3, 5 } },
            },
        });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "rules[2].from"), (overlapping.Status, overlapping.Field));
        var clerkPut = await (await _walker.AsAsync("clerk")).PutAsync("/api/appointments/schedule?hall=gz", new { rules = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Forbidden, clerkPut.Status);
        var stillThere = (await admin.GetAsync("/api/appointments/schedule?hall=gz")).Json;
        Assert.NotEmpty(stillThere["rules"]!.AsArray());
    }

    [Fact]
    public async Task AnUnknownSlotIsRefusedWithItsCodeInTheAskedLanguage()
    {
        await ConfigureAsync();
        using var english = new ApiClient(silo.BaseUrl).Speaking("en");
        using var chinese = new ApiClient(silo.BaseUrl).Speaking("zh-CN");

        var en = await english.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "10:15", 610, await ProofAsync()));
        var zh = await chinese.PostAsync("/api/appointments", Booking("general-3", Tomorrow, "10:15", 611, await ProofAsync()));

        foreach (var reply in new[] { en, zh })
        {
            Assert.True(reply.Status == HttpStatusCode.UnprocessableEntity, reply.ToString());
            Assert.Equal("appointment.noSlot", reply.Json["code"]!.GetValue<string>());
            Assert.Equal("start", reply.Json["field"]!.GetValue<string>());
        }

        Assert.Equal("The window has no 10:15 slot that day.", en.Json["detail"]!.GetValue<string>());
        Assert.Equal("该窗口当天没有 10:15 时段。", zh.Json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABookingWithSeveralMissingValuesNamesThemAllAtOnce()
    {
        using var english = new ApiClient(silo.BaseUrl).Speaking("en");

        var reply = await english.PostAsync("/api/appointments", new
        {
            hall = "gz",
            date = "tomorrow",
            applicant = new { name = "王小明", idNumber = "123", phone = "13800138000" },
            verificationCode = "000000",
        });

        Assert.True(reply.Status == HttpStatusCode.BadRequest, reply.ToString());
        var issues = reply.Json["issues"]!.AsArray().Select(i => (i!["field"]!.GetValue<string>(), i["code"]!.GetValue<string>())).ToArray();
        Assert.Equal(
            [("window", "appointment.windowRequired"), ("date", "field.date"), ("start", "appointment.slotRequired"),
             ("serviceItemCode", "serviceItem.required"), ("applicant.idNumber", "applicant.idNumberInvalid")],
            issues);
        Assert.Equal("Choose a time slot.", reply.Json["errors"]!["start"]![0]!.GetValue<string>());
    }

    private static object Booking(string window, DateOnly date, string start, int applicant, (string Phone, string Code) proof) => new
    {
        hall = "gz",
        window,
        date = HallDays.Text(date),
        start,
        serviceItemCode = Item,
        applicant = new { name = "王小明", idNumber = HallDays.IdNumber(applicant), phone = proof.Phone },
        verificationCode = proof.Code,
    };

    /// <summary>A phone (a fresh one unless given) and the code just texted to it, read from the outbox.</summary>
    private async Task<(string Phone, string Code)> ProofAsync(string? phone = null)
    {
        phone ??= PhoneCodes.NewPhone();
        return (phone, await PhoneCodes.RequestAsync(_walker.Anonymous, await _walker.AsAsync("admin"), phone));
    }

    private async Task<int> BookedAsync(string window, DateOnly date, string start)
    {
        var slots = (await _walker.Anonymous.GetAsync($"/api/appointments/slots?hall=gz&serviceItemCode={Item}&date={HallDays.Text(date)}")).Json;
        return slots["slots"]!.AsArray().Single(s => s!["window"]!.GetValue<string>() == window && s["start"]!.GetValue<string>().StartsWith(start))!["booked"]!.GetValue<int>();
    }

    /// <summary>The hall's slots for every test in this class (one PUT replaces the whole configuration).</summary>
    private async Task ConfigureAsync(object? todayRule = null)
    {
        var rules = new List<object>
        {
            new { window = "general-2", date = HallDays.Text(Tomorrow), from = "09:00", to = "09:30", slotMinutes = 30, capacity = 50 },
            new { window = "general-3", serviceItems = new[] { Item }, from = "10:00", to = "12:00", slotMinutes = 30, capacity = 2 },

            // The Nansha window's channel does not handle the item: listing its slots for it would offer what booking refuses.
            new { window = "nansha", serviceItems = new[] { Item }, from = "10:00", to = "11:00", slotMinutes = 30, capacity = 2 },
        };
        if (todayRule is not null)
        {
            rules.Add(todayRule);
        }

        var admin = await _walker.AsAsync("admin");
        var reply = await admin.PutAsync("/api/appointments/schedule?hall=gz", new { rules, cutOffMinutes = 60, bookAheadDays = 14 });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    /// <summary>A slot at the clerk's window starting a few minutes from now (the hall's time), so it can be booked and checked in today.</summary>
    private async Task<(string Start, DateOnly Today)> ConfigureTodayAsync()
    {
        // The silo's clock stands at (or a few minutes after) 10:00 hall time.
        var start = TimeOnly.FromDateTime(HallDays.Morning.DateTime).AddMinutes(10);
        var text = start.ToString("HH:mm");
        await ConfigureAsync(new { window = "general-1", date = HallDays.Text(HallDays.Today), from = text, to = start.AddMinutes(10).ToString("HH:mm"), slotMinutes = 10, capacity = 5 });
        return (text, HallDays.Today);
    }

    private async Task<JsonNode> WaitForStatsAsync(Func<JsonNode, bool> done)
    {
        var manager = await _walker.AsAsync("manager");
        return await Eventually.UntilAsync(
            async () => (await manager.GetAsync("/api/stats/cases")).Json, done, "statistics showing the appointment", describe: last => last.ToJsonString());
    }
}
