using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>A silo with a second clerk of the Guangzhou hall (<c>gz2</c>) and a clerk of the Qingyuan hall (<c>qy1</c>).</summary>
public sealed class CaseSecuritySiloFixture : SiloFixture
{
    protected override IEnumerable<string> ExtraSettings =>
    [
        .. Clerk(0, "gz2", "gz"),
        .. Clerk(1, "qy1", "qy"),
    ];

    private static string[] Clerk(int index, string username, string hall) =>
    [
        $"--ServiceHall:Organisation:Staff:{index}:Username={username}",
        $"--ServiceHall:Organisation:Staff:{index}:DisplayName={username}",
        $"--ServiceHall:Organisation:Staff:{index}:Role=clerk",
        $"--ServiceHall:Organisation:Staff:{index}:Hall={hall}",
        $"--ServiceHall:Organisation:Staff:{index}:Window=general-1",
        $"--ServiceHall:Organisation:Staff:{index}:Password={ApiClient.DemoPassword}",
    ];
}

/// <summary>
/// Issue 18, tried as an attacker would: staff of another hall or department acting on a case, replaying someone
/// else's idempotency key, opening a channel their window does not serve, borrowing another company's e-licence, and
/// reading staff names or the full address off the applicant's tracker.
/// </summary>
public sealed partial class CaseSecurityTests(CaseSecuritySiloFixture silo) : IClassFixture<CaseSecuritySiloFixture>, IDisposable
{
    private const string LisiTrading = "广州李四贸易有限公司";
    private const string LisiCode = "91440101MA5L1T1001";
    private const string WangwuIndustry = "广州王五实业有限公司";
    private const string WangwuCode = "91440101MA5W4W5002";

    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task AClerkOfAnotherHallCannotAnswerACorrectionNoticeAndLearnsNothingFromTheRefusal()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"), clerk: "gz2");
        var id = CaseWalker.Id(opened);
        var noticed = await _walker.ActAsync(id, "gz2", "request-correction",
            new { deficiencies = new[] { new { materialCode = "change-resolution", problem = "缺少股东签字" } } });
        var stranger = await _walker.AsAsync("qy1");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/cases/{id}")).Status);

        var answer = await stranger.PostAsync($"/api/cases/{id}/actions/resubmit", new { answers = new[] { new { deficiencyId = "r1-d1" } } });
        Assert.Equal((HttpStatusCode.Forbidden, "scope"), (answer.Status, answer.Field));
        AssertNothingPersonal(answer, opened);
        foreach (var (action, body) in new (string, object)[] { ("withdraw", new { reason = "x" }), ("cancel", new { reason = "x" }), ("accept", new { }) })
        {
            var refused = await stranger.PostAsync($"/api/cases/{id}/actions/{action}", body);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            AssertNothingPersonal(refused, opened);
        }

        var after = await _walker.GetAsync(id);
        Assert.Equal(("awaiting-correction", CaseWalker.Version(noticed)), (CaseWalker.Stage(after), CaseWalker.Version(after)));

        // The case's own hall still answers the notice.
        var answered = await _walker.ResubmitAsync(after, clerk: "gz2");
        Assert.Equal("acceptance", CaseWalker.Stage(answered));
    }

    [Fact]
    public async Task AnIdempotencyKeyReplayedByAnotherCallerIsNeverAnsweredWithTheOpenersCase()
    {
        var key = "open-" + Guid.NewGuid();
        var application = CaseWalker.Application("GZ-SCJG-002");
        var opener = await _walker.AsAsync("gz2");
        var created = await opener.PostAsync("/api/cases", application, idempotencyKey: key);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Json["id"]!.GetValue<string>();

        foreach (var stranger in new[] { "reviewer2", "coordinator2", "qy1" })
        {
            var replay = await (await _walker.AsAsync(stranger)).PostAsync($"/api/cases/{id}/actions/open", new { }, idempotencyKey: key);
            Assert.True(replay.Status == HttpStatusCode.Forbidden, $"{stranger}: {replay}");
            AssertNothingPersonal(replay, created.Json["case"]!);
        }

        // A colleague who may read the case did not send that key: for them it is a new request (and no such action).
        var colleague = await (await _walker.AsAsync("clerk")).PostAsync($"/api/cases/{id}/actions/open", new { }, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Conflict, colleague.Status);

        // The opener's own retry is still a replay of the same case, and nothing changed meanwhile.
        var retried = await opener.PostAsync("/api/cases", application, idempotencyKey: key);
        Assert.Equal((HttpStatusCode.Created, id), (retried.Status, retried.Json["id"]!.GetValue<string>()));
        Assert.Equal(1, CaseWalker.Version(await _walker.GetAsync(id)));
    }

    [Fact]
    public async Task AGeneralWindowClerkCannotOpenAnInstantCaseByLeavingOutTheWindow()
    {
        var clerk = await _walker.AsAsync("gz2");
        var instant = JsonSerializer.SerializeToNode(
            CaseWalker.Application("GZ-SCJG-001", channel: "instant", delivery: new { method = "electronic" }), JsonSerializerOptions.Web)!.AsObject();
        instant.Remove("window");

        // The clerk's own window (general-1) is the default, and it does not serve the instant channel.
        var defaulted = await clerk.PostAsync("/api/cases", instant);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "window"), (defaulted.Status, defaulted.Field));
        Assert.Equal("application/problem+json", defaulted.MediaType);

        instant["window"] = "general-1";
        var named = await clerk.PostAsync("/api/cases", instant);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "channel"), (named.Status, named.Field));
    }

    [Fact]
    public async Task OnlyABusinessLicenceItemRegistersALicenceAndOnlyItsHolderMayUseIt()
    {
        var clerk = await _walker.AsAsync("gz2");

        // A medical-device filing issued on the instant channel is a certificate, not a business licence.
        var filing = await IssueInstantCertificateAsync("GZ-SPYP-005", LisiTrading, LisiCode);
        var filingCheck = (await _walker.Anonymous.GetAsync($"/api/certificates/{filing}/verify")).Json;
        Assert.Equal(("valid", false), (filingCheck["status"]!.GetValue<string>(), filingCheck["isBusinessLicence"]!.GetValue<bool>()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "materials[1].eLicenceNumber"),
            Outcome(await clerk.PostAsync("/api/cases", ChangeApplication(filing, LisiTrading, LisiCode))));

        // A company registration issues one, for its own holder only: another company, or the right name with
        // another code (or none), is refused.
        var licence = await IssueInstantCertificateAsync("GZ-SCJG-001", LisiTrading, LisiCode);
        Assert.True((await _walker.Anonymous.GetAsync($"/api/certificates/{licence}/verify")).Json["isBusinessLicence"]!.GetValue<bool>());
        foreach (var (holder, code) in new[] { (WangwuIndustry, WangwuCode), (LisiTrading, WangwuCode), (WangwuIndustry, LisiCode), (LisiTrading, null) })
        {
            var borrowed = await clerk.PostAsync("/api/cases", ChangeApplication(licence, holder, code));
            Assert.True(Outcome(borrowed) == (HttpStatusCode.UnprocessableEntity, "materials[1].eLicenceNumber"), $"{holder} {code}: {borrowed}");
        }

        var own = await clerk.PostAsync("/api/cases", ChangeApplication(licence, LisiTrading, LisiCode));
        Assert.True(own.Status == HttpStatusCode.Created, own.ToString());
        Assert.Equal(2, own.Json["case"]!["copiesSaved"]!.GetValue<int>());

        // The demo register's licences too.
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsync("/api/cases", ChangeApplication("91440101MA59XXXX1K", "广州示例贸易有限公司", "91440101MA59XXXX1K"))).Status);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "materials[1].eLicenceNumber"),
            Outcome(await clerk.PostAsync("/api/cases", ChangeApplication("91440101MA59XXXX1K", WangwuIndustry, WangwuCode))));
    }

    [Fact]
    public async Task TheTrackerShowsNeitherStaffUserNamesNorTheFullAddress()
    {
        const string address = "广州市天河区天河路385号太古汇一座1201室";
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002", delivery: new { method = "ems", address }), clerk: "gz2");
        var id = CaseWalker.Id(opened);
        await _walker.ActAsync(id, "gz2", "request-correction",
            new { deficiencies = new[] { new { materialCode = "change-resolution", problem = "缺少股东签字，请联系gz2" } } });
        var code = opened["trackingCode"]!.GetValue<string>();

        var tracked = await _walker.Anonymous.GetAsync($"/api/track/{code}");
        Assert.Equal(HttpStatusCode.OK, tracked.Status);
        Assert.Equal("广州市天河区****", tracked.Json["delivery"]!["address"]!.GetValue<string>());
        var text = Readable(tracked.Json);
        AssertNoUserName("gz2", text);
        Assert.DoesNotContain("天河路385号", text);
        var notice = tracked.Json["openSteps"]![0]!["data"]!;
        var deficiency = notice["deficiencies"]![0]!;
        Assert.Equal(("r1-d1", "缺少股东签字，请联系工作人员", null),
            (deficiency["id"]!.GetValue<string>(), deficiency["problem"]!.GetValue<string>(), deficiency["raisedBy"]));

        // The same on the tracker page and the applicant's copy of the notice.
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        var page = await http.GetStringAsync($"/track?code={code}");
        Assert.Contains("缺少股东签字", page);
        AssertNoUserName("gz2", page);
        Assert.DoesNotContain("天河路385号", page);
        var document = await _walker.Anonymous.DownloadAsync($"/api/track/{code}/documents/correction-notice?format=html");
        Assert.Equal(HttpStatusCode.OK, document.Status);
        AssertNoUserName("gz2", System.Text.Encoding.UTF8.GetString(document.Bytes));

        // Staff still see it all.
        var staff = await _walker.GetAsync(id, "gz2");
        Assert.Equal(address, staff["delivery"]!["address"]!.GetValue<string>());
    }

    private async Task<string> IssueInstantCertificateAsync(string item, string organization, string organizationCode)
    {
        var opened = await _walker.OpenAsync(new
        {
            serviceItemCode = item,
            channel = "instant",
            window = "instant",
            applicant = new { name = "李四", idNumber = ApiClient.ValidIdNumbers[2], phone = "13600136000", organization, organizationCode },
            materials = new[] { new { code = "application-form", form = "original" } },
            delivery = new { method = "electronic" },
        }, clerk: "gz2");
        // Only the form was handed in; this test is about the licence, so the clerk accepts with the rest listed.
        await _walker.ActAsync(CaseWalker.Id(opened), "gz2", "accept", new { acceptWithDeficiencies = true });
        var done = await _walker.ActAsync(CaseWalker.Id(opened), "gz2", "pass");
        var number = Assert.Single(done["certificates"]!.AsArray())!["number"]!.GetValue<string>();
        await _walker.RegisteredAsync(number);
        return number;
    }

    private static object ChangeApplication(string eLicenceNumber, string organization, string? organizationCode) => new
    {
        serviceItemCode = "GZ-SCJG-002",
        channel = "window",
        applicant = new { name = "王五", idNumber = ApiClient.ValidIdNumbers[0], phone = "13500135000", organization, organizationCode },
        materials = new object[]
        {
            new { code = "application-form", form = "original" },
            new { code = "business-licence-copy", form = "e-licence", eLicenceNumber },
        },
        delivery = new { method = "window" },
    };

    /// <summary>A refusal tells the stranger nothing about the case: no applicant details, no tracking code.</summary>
    private static void AssertNothingPersonal(Reply reply, JsonNode view)
    {
        var text = reply.Body is null ? "" : Readable(reply.Body);
        var applicant = view["applicant"]!;
        foreach (var secret in new[] { applicant["name"]!, applicant["idNumber"]!, applicant["phone"]!, view["trackingCode"]! })
        {
            Assert.DoesNotContain(secret.GetValue<string>(), text);
        }
    }

    private static string Readable(JsonNode node) => node.ToJsonString(ReadableJson);

    /// <summary>
    /// The user name must not appear where anyone could read it. Embedded images (the notice's QR code) and other
    /// base64 runs are random letters that spell a short name now and then, so those are removed and the name must
    /// stand on its own, not inside a longer run of letters and digits.
    /// </summary>
    private static void AssertNoUserName(string username, string shown)
    {
        var readable = EmbeddedData().Replace(shown, "");
        var asWord = new System.Text.RegularExpressions.Regex(
            $"(?<![A-Za-z0-9+/]){System.Text.RegularExpressions.Regex.Escape(username)}(?![A-Za-z0-9])");
        var found = asWord.Match(readable);
        Assert.False(found.Success, $"'{username}' shown at {found.Index}: …{readable.Substring(Math.Max(0, found.Index - 40), Math.Min(80, readable.Length - Math.Max(0, found.Index - 40)))}…");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"data:[a-zA-Z0-9./+-]+;base64,[A-Za-z0-9+/=]+")]
    private static partial System.Text.RegularExpressions.Regex EmbeddedData();

    private static (HttpStatusCode, string?) Outcome(Reply reply) => (reply.Status, reply.Field);
}
