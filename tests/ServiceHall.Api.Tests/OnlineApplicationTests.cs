using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// <c>POST /api/applications</c> end to end with real multipart uploads: phone verification through the outbox,
/// limits and content checks, scans stored and hashed, staff-only download, and an online correction round.
/// </summary>
[Collection(OnlineApiCollection.Name)]
public sealed class OnlineApplicationTests(OnlineSiloFixture silo) : IDisposable
{
    // 内资公司变更登记: online allowed; licence copy (e-licence waiver) and ID-card copy (waived) among its materials.
    private const string Item = OnlineApplicant.SampleItem;
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task AnOnlineApplicationStoresHashesAndShowsItsScansToStaffOnly()
    {
        using var applicant = NewApplicant();
        var admin = await _walker.AsAsync("admin");
        var files = OnlineApplicant.SampleScans("a");
        var reply = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), await applicant.VerifiedCodeAsync(admin), files);

        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        var trackingCode = reply.Json["trackingCode"]!.GetValue<string>();
        var id = reply.Json["id"]!.GetValue<string>();
        var mine = reply.Json["case"]!;
        Assert.Equal("online", mine["channel"]!.GetValue<string>());
        Assert.Equal("139****" + applicant.Phone[^4..], mine["applicant"]!["phone"]!.GetValue<string>());
        Assert.All(mine["uploads"]!.AsArray(), u => Assert.Equal("", u!["documentId"]!.GetValue<string>()));
        Assert.Equal(files.Keys.Order(), mine["uploads"]!.AsArray().Select(u => u!["materialCode"]!.GetValue<string>()).Order());

        var texts = await _walker.MessagesOfAsync(id);
        Assert.Contains(texts, m => m["template"]!.GetValue<string>() == "application-received"
            && m["to"]!.GetValue<string>() == applicant.Phone && m["text"]!.GetValue<string>().Contains(trackingCode));

        var staffView = await _walker.GetAsync(id, "clerk");
        // The applicant and delivery parts map as the counter's POST /api/cases maps them (one shared mapping).
        Assert.Equal(("李网办", "广州网办示例有限公司", applicant.Phone), (staffView["applicant"]!["name"]!.GetValue<string>(),
            staffView["applicant"]!["organization"]!.GetValue<string>(), staffView["applicant"]!["phone"]!.GetValue<string>()));
        Assert.Equal(("ems", "广州市天河区天河路1号"), (staffView["delivery"]!["method"]!.GetValue<string>(), staffView["delivery"]!["address"]!.GetValue<string>()));
        var uploads = staffView["uploads"]!.AsArray();
        // The journal counts the scans and records each one's hash; names and sizes are the case's uploads.
        var openEntry = staffView["journal"]!.AsArray().First()!;
        Assert.Equal(("opened", uploads.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (openEntry["kind"]!.GetValue<string>(), openEntry["args"]!["uploads"]!.GetValue<string>()));
        var clerk = await _walker.AsAsync("clerk");
        foreach (var upload in uploads)
        {
            var code = upload!["materialCode"]!.GetValue<string>();
            var expectedHash = Convert.ToHexStringLower(SHA256.HashData(files[code].Bytes));
            Assert.Equal(expectedHash, upload["sha256"]!.GetValue<string>());
            Assert.Equal(files[code].Bytes.Length, upload["length"]!.GetValue<long>());
            Assert.Equal(expectedHash, openEntry["args"]![$"sha256.{code}"]!.GetValue<string>());

            var documentId = upload["documentId"]!.GetValue<string>();
            Assert.True(File.Exists(Path.Combine(silo.DataFolder, "documents", documentId[4..6], documentId + ".bin")), documentId);
            var download = await clerk.DownloadAsync($"/api/cases/{id}/uploads/{documentId}");
            Assert.Equal(HttpStatusCode.OK, download.Status);
            Assert.Equal(files[code].Bytes, download.Bytes);
            Assert.Equal(upload["contentType"]!.GetValue<string>(), download.MediaType);
        }

        Assert.Equal("image/png", uploads.First(u => u!["materialCode"]!.GetValue<string>() == "amended-articles")!["contentType"]!.GetValue<string>());
        var someScan = $"/api/cases/{id}/uploads/{uploads[0]!["documentId"]!.GetValue<string>()}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await _walker.Anonymous.DownloadAsync(someScan)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _walker.AsAsync("reviewer2")).DownloadAsync(someScan)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.DownloadAsync($"/api/cases/{id}/uploads/doc-{new string('0', 32)}")).Status);

        var tracked = await _walker.Anonymous.GetAsync($"/api/track/{trackingCode}");
        Assert.Equal(uploads.Count, tracked.Json["uploads"]!.AsArray().Count);
        Assert.Contains(tracked.Json["uploads"]!.AsArray(), u => u!["fileName"]!.GetValue<string>() == "resolution.pdf");
        Assert.Equal(1, tracked.Json["copiesSaved"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnOversizedScanIsRefusedWith413ButOnlyAfterTheCodeWasChecked()
    {
        using var applicant = NewApplicant();
        var code = await applicant.VerifiedCodeAsync(await _walker.AsAsync("admin"));
        var files = OnlineApplicant.SampleScans("big");
        files["change-resolution"] = ("resolution.pdf", OnlineApplicant.Pdf("big", OnlineSiloFixture.MaxFileBytes + 1));

        // Without the right code the scans are never read: the answer is 401, not the file's 413.
        var unverified = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code == "000000" ? "111111" : "000000", files);
        Assert.Equal((HttpStatusCode.Unauthorized, "verificationCode"), (unverified.Status, unverified.Field));

        var reply = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, files);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "files.change-resolution"), (reply.Status, reply.Field));

        // The refusal gave the code back.
        var corrected = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, OnlineApplicant.SampleScans("small"));
        Assert.True(corrected.Status == HttpStatusCode.Created, corrected.ToString());
    }

    [Fact]
    public async Task ASubmissionFarOverTheLimitIsAnswered413RatherThanCutOff()
    {
        // 16 MB against a 512 KB limit: the client is still sending when the server knows the answer. The excess is
        // discarded first, so the client reads the 413 instead of failing with a broken pipe.
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        var body = new GeneratedContent(16L * 1024 * 1024);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=scan");

        using var reply = await http.PostAsync("/api/applications", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.StatusCode);
        Assert.Equal("files", JsonNode.Parse(await reply.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());
        Assert.Equal(16L * 1024 * 1024, body.Sent);
    }

    [Fact]
    public async Task AnApplicationFieldOverTheValueLimitIs400NamingApplication()
    {
        using var applicant = NewApplicant();
        var application = new { serviceItemCode = Item, padding = new string('x', 70 * 1024) };
        var reply = await applicant.SubmitAsync(application, "000000", OnlineApplicant.SampleScans("long"));

        Assert.Equal((HttpStatusCode.BadRequest, "application"), (reply.Status, reply.Field));
    }

    [Fact]
    public async Task AnExecutableRenamedPdfIsRefusedWith415()
    {
        using var applicant = NewApplicant();
        var code = await applicant.VerifiedCodeAsync(await _walker.AsAsync("admin"));
        var files = OnlineApplicant.SampleScans("exe");
        files["application-form"] = ("application.pdf", OnlineApplicant.Executable());
        var reply = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, files);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "files.application-form"), (reply.Status, reply.Field));
    }

    [Fact]
    public async Task AMissingRequiredMaterialIsNamedIn422AndTheCodeStaysUsable()
    {
        using var applicant = NewApplicant();
        var admin = await _walker.AsAsync("admin");
        var code = await applicant.VerifiedCodeAsync(admin);
        var files = OnlineApplicant.SampleScans("m");
        files.Remove("change-resolution");

        var reply = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, files);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "files.change-resolution"), (reply.Status, reply.Field));
        Assert.Contains("股东会决议", reply.Json["detail"]!.GetValue<string>());

        var corrected = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, OnlineApplicant.SampleScans("m2"));
        Assert.True(corrected.Status == HttpStatusCode.Created, corrected.ToString());
        var reused = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, OnlineApplicant.SampleScans("m3"));
        Assert.Equal((HttpStatusCode.Unauthorized, "verificationCode"), (reused.Status, reused.Field));
    }

    [Fact]
    public async Task WrongCodesAnswer401UntilTheLimitThen429WithRetryAfter()
    {
        using var applicant = NewApplicant();
        var admin = await _walker.AsAsync("admin");
        var code = await applicant.VerifiedCodeAsync(admin);
        var wrong = code == "123456" ? "654321" : "123456";

        for (var i = 0; i < OnlineSiloFixture.MaxWrongAttempts; i++)
        {
            var refused = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), wrong, OnlineApplicant.SampleScans("w"));
            Assert.Equal((HttpStatusCode.Unauthorized, "verificationCode"), (refused.Status, refused.Field));
        }

        var locked = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, OnlineApplicant.SampleScans("w"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "verificationCode"), (locked.Status, locked.Field));
        Assert.True(applicant.RetryAfter > TimeSpan.Zero, $"Retry-After {applicant.RetryAfter}");

        using var again = await applicant.RequestCodeAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.True(again.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task ASecondCodeWithinTheResendIntervalAnswers429()
    {
        using var applicant = NewApplicant();
        using var first = await applicant.RequestCodeAsync();
        using var second = await applicant.RequestCodeAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Contains("phone", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARetriedApplicationWithTheSameKeyOpensOneCase()
    {
        using var applicant = NewApplicant();
        var admin = await _walker.AsAsync("admin");
        var code = await applicant.VerifiedCodeAsync(admin);
        var key = Guid.NewGuid().ToString();

        var first = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, OnlineApplicant.SampleScans("k"), key);
        var retry = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, OnlineApplicant.SampleScans("k"), key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal(first.Json["id"]!.GetValue<string>(), retry.Json["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task KnowingThePhoneAndTheKeyIsNotEnoughToReplayAnApplication()
    {
        using var applicant = NewApplicant();
        var admin = await _walker.AsAsync("admin");
        var code = await applicant.VerifiedCodeAsync(admin);
        var key = Guid.NewGuid().ToString();
        var first = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, OnlineApplicant.SampleScans("r"), key);
        Assert.Equal(HttpStatusCode.Created, first.Status);

        foreach (var guess in new[] { null, "", code == "000000" ? "111111" : "000000" })
        {
            var replay = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), guess, OnlineApplicant.SampleScans("r"), key);
            Assert.Equal((HttpStatusCode.Unauthorized, "verificationCode"), (replay.Status, replay.Field));
            Assert.DoesNotContain(first.Json["trackingCode"]!.GetValue<string>(), replay.ToString());
        }

        // The used code proves only the submission it was used for, not a new one under another key.
        var other = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, OnlineApplicant.SampleScans("r2"), Guid.NewGuid().ToString());
        Assert.Equal((HttpStatusCode.Unauthorized, "verificationCode"), (other.Status, other.Field));
    }

    [Fact]
    public async Task ConcurrentSubmissionsWithOneCodeOpenOneCase()
    {
        using var applicant = NewApplicant();
        var code = await applicant.VerifiedCodeAsync(await _walker.AsAsync("admin"));
        var replies = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), code, OnlineApplicant.SampleScans("c" + i), Guid.NewGuid().ToString())));

        Assert.Single(replies, r => r.Status == HttpStatusCode.Created);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal((HttpStatusCode.Unauthorized, "verificationCode"), (r.Status, r.Field)));
    }

    [Fact]
    public async Task ACorrectionRoundReuploadsExactlyTheListedMaterials()
    {
        using var applicant = NewApplicant();
        var admin = await _walker.AsAsync("admin");
        var opened = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), await applicant.VerifiedCodeAsync(admin), OnlineApplicant.SampleScans("c"));
        Assert.True(opened.Status == HttpStatusCode.Created, opened.ToString());
        var id = opened.Json["id"]!.GetValue<string>();
        var trackingCode = opened.Json["trackingCode"]!.GetValue<string>();

        await _walker.ActAsync(id, "clerk", "request-correction", new
        {
            deficiencies = new object[]
            {
                new { materialCode = "change-resolution", problem = "缺少股东签字" },
                new { problem = "请说明变更原因" },
            },
        });
        var notice = await _walker.Anonymous.GetAsync($"/api/track/{trackingCode}");
        var answers = new { answers = new[] { new { deficiencyId = "r1-d1", note = "已补签" }, new { deficiencyId = "r1-d2", note = "经营需要" } } };
        var newResolution = OnlineApplicant.Pdf("signed resolution");

        var extra = await applicant.ResubmitAsync(trackingCode, answers, new Dictionary<string, (string, byte[])>
        {
            ["change-resolution"] = ("signed.pdf", newResolution),
            ["application-form"] = ("form-again.pdf", OnlineApplicant.Pdf("again")),
        });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "files.application-form"), (extra.Status, extra.Field));
        var none = await applicant.ResubmitAsync(trackingCode, answers, new Dictionary<string, (string, byte[])>());
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "files.change-resolution"), (none.Status, none.Field));
        var jsonOnly = await _walker.Anonymous.PostAsync($"/api/track/{trackingCode}/actions/resubmit", answers);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "files.change-resolution"), (jsonOnly.Status, jsonOnly.Field));
        Assert.Equal(notice.Json["version"]!.GetValue<long>(), (await _walker.Anonymous.GetAsync($"/api/track/{trackingCode}")).Json["version"]!.GetValue<long>());

        var resubmitted = await applicant.ResubmitAsync(trackingCode, answers, new Dictionary<string, (string, byte[])>
        {
            ["change-resolution"] = ("signed.pdf", newResolution),
        });
        Assert.True(resubmitted.Status == HttpStatusCode.OK, resubmitted.ToString());
        Assert.Equal("acceptance", resubmitted.Json["stage"]!.GetValue<string>());

        var staffView = await _walker.GetAsync(id, "clerk");
        // The applicant and delivery parts map as the counter's POST /api/cases maps them (one shared mapping).
        Assert.Equal(("李网办", "广州网办示例有限公司", applicant.Phone), (staffView["applicant"]!["name"]!.GetValue<string>(),
            staffView["applicant"]!["organization"]!.GetValue<string>(), staffView["applicant"]!["phone"]!.GetValue<string>()));
        Assert.Equal(("ems", "广州市天河区天河路1号"), (staffView["delivery"]!["method"]!.GetValue<string>(), staffView["delivery"]!["address"]!.GetValue<string>()));
        var uploads = staffView["uploads"]!.AsArray();
        Assert.Equal(OnlineApplicant.SampleScans("c").Count + 1, uploads.Count);
        var roundOne = uploads.Where(u => u!["round"]!.GetValue<int>() == 1).ToList();
        Assert.Equal("change-resolution", Assert.Single(roundOne)!["materialCode"]!.GetValue<string>());
        var hash = Convert.ToHexStringLower(SHA256.HashData(newResolution));
        Assert.Equal(hash, roundOne[0]!["sha256"]!.GetValue<string>());
        Assert.Contains(staffView["journal"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "resubmit" && e["args"]!["sha256.change-resolution"]?.GetValue<string>() == hash);
        var download = await (await _walker.AsAsync("clerk")).DownloadAsync($"/api/cases/{id}/uploads/{roundOne[0]!["documentId"]!.GetValue<string>()}");
        Assert.Equal(newResolution, download.Bytes);
    }

    [Fact]
    public async Task VerificationCodesAreStoredOnlyAsKeyedDigestsAndShownOnlyByTheOutbox()
    {
        var phone = PhoneCodes.NewPhone("139");
        var admin = await _walker.AsAsync("admin");

        // Embedded mode: the outbox stands in for the phone, so it shows the code (the demo and the tests read it there).
        var code = await PhoneCodes.RequestAsync(_walker.Anonymous, admin, phone);
        Assert.Matches("^[0-9]{6}$", code);

        // What is stored about it: the phone's verification ledger and the outbox ledger's copy of the message.
        var verification = (await StoredGrainRows.SqliteAsync(silo.DataFolder, "phone-verification")).Where(r => r.GrainId.Contains(phone)).ToList();
        // (the outbox keeps each shard's messages in pages, one row per page: sms-ledger-page-00, -01, …)
        var outbox = (await StoredGrainRows.SqliteStartingWithAsync(silo.DataFolder, "sms-ledger-page-")).Where(r => r.Payload.Contains(phone)).ToList();
        Assert.Single(verification);
        Assert.Single(outbox);

        // Neither holds the code, nor a plain hash of it (a million tries would find the code from that).
        var plainHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(phone + "\n" + code)));
        foreach (var row in verification.Concat(outbox))
        {
            Assert.DoesNotContain(code, row.Payload);
            Assert.DoesNotContain(plainHash, row.Payload, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("******", outbox[0].Payload);

        // The code still proves the phone.
        using var applicant = new OnlineApplicant(silo.BaseUrl, phone);
        var reply = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(phone), code, OnlineApplicant.SampleScans("digest"));
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
    }

    private OnlineApplicant NewApplicant() => new(silo.BaseUrl, "139" + TestRandom.Next(10_000_000, 100_000_000));
}
