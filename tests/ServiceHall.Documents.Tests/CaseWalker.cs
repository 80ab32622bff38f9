using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Documents.Tests;

/// <summary>A case the fixture walked, and what its documents must show.</summary>
public sealed record WalkedCase(string Id, string Number, string TrackingCode, DateTimeOffset? DueAt)
{
    public string TrackUrl => $"{DocumentsSilo.PublicBaseUrl.TrimEnd('/')}/track?code={TrackingCode}";

    public string VerifyUrl => $"{DocumentsSilo.PublicBaseUrl.TrimEnd('/')}/verify/{Number}";
}

/// <summary>Walks the standard case (GZ-SCJG-002, 内资公司变更登记) through the hall as its staff would, over HTTP.</summary>
public sealed class CaseWalker(string baseUrl) : IDisposable
{
    public const string ItemNameZh = "内资公司变更登记";
    public const string ApplicantName = "张三丰";
    public const string IdNumber = "440106199003071231";
    public const string Phone = "13800138000";
    public const string Organisation = "广州示例贸易有限公司";
    public const string RejectionReason = "申请事项不属于本中心受理范围，请向属地市场监督管理部门申请";

    public const string DenialReason = "经营范围涉及前置许可事项，申请人未取得相应许可";

    public static readonly string[] Deficiencies = ["缺少全体股东签字，请补签后重新提交原件", "申请表填写日期有误"];

    private readonly Dictionary<string, DocumentClient> _staff = [];

    public async Task<WalkedCase> WalkToCertificateAsync()
    {
        var opened = await OpenAsync();
        var id = opened.Id;
        await ActAsync(id, "clerk", "request-correction", new
        {
            deficiencies = new object[]
            {
                new { materialCode = "change-resolution", problem = Deficiencies[0] },
                new { problem = Deficiencies[1] },
            },
        });
        await ActAsync(id, "clerk", "resubmit", new { answers = new[] { new { deficiencyId = "r1-d1" }, new { deficiencyId = "r1-d2" } } });
        // The statutory clock starts at acceptance, so that is when the receipt's promised date is known.
        var accepted = await (await AsAsync("clerk")).PostAsync($"/api/cases/{id}/actions/accept", new
        {
            comment = "材料齐全",
            // 章程修正案 was not in the application; the applicant hands it in at the counter when the case is accepted.
            materials = new[] { new { code = "amended-articles", form = "original" } },
        });
        opened = opened with { DueAt = accepted["sla"]!["dueAt"]!.GetValue<DateTimeOffset>() };
        await ActAsync(id, "reviewer", "pass", new { });
        await ActAsync(id, "reviewer", "approve", new { opinion = "符合条件" });
        await ActAsync(id, "clerk", "issue-certificate", new { form = "both" });
        return opened;
    }

    /// <summary>
    /// Only the application form and the resolution handed in; accepting as complete is refused (answered here as the
    /// problem detail), then the clerk accepts explicitly with the other materials listed as missing.
    /// </summary>
    public async Task<(WalkedCase Case, JsonNode RefusedAsComplete)> AcceptWithDeficienciesAsync(string item = "GZ-SCJG-002")
    {
        var opened = await OpenAsync(withLicence: false, withResolution: false, item: item);
        var clerk = await AsAsync("clerk");
        var refused = await clerk.PostAsync($"/api/cases/{opened.Id}/actions/accept", new { comment = "材料齐全" }, HttpStatusCode.BadRequest);
        var accepted = await clerk.PostAsync($"/api/cases/{opened.Id}/actions/accept", new { acceptWithDeficiencies = true });
        return (opened with { DueAt = accepted["sla"]!["dueAt"]!.GetValue<DateTimeOffset>() }, refused);
    }

    public async Task<WalkedCase> RejectAsync()
    {
        var opened = await OpenAsync();
        await ActAsync(opened.Id, "clerk", "reject", new { reason = RejectionReason });
        return opened;
    }

    public async Task<WalkedCase> DenyAsync()
    {
        var opened = await OpenAsync();
        await ActAsync(opened.Id, "clerk", "accept", new { materials = new[] { new { code = "amended-articles", form = "original" } } });
        await ActAsync(opened.Id, "reviewer", "pass", new { });
        await ActAsync(opened.Id, "reviewer", "deny", new { reason = DenialReason });
        return opened;
    }

    private async Task<WalkedCase> OpenAsync(bool withLicence = true, bool withResolution = true, string item = "GZ-SCJG-002")
    {
        var materials = new List<object> { new { code = "application-form", form = "original" } };
        if (withResolution)
        {
            materials.Add(new { code = "change-resolution", form = "original" });
        }

        if (withLicence)
        {
            materials.Add(new { code = "business-licence-copy", form = "e-licence", eLicenceNumber = "91440101MA59XXXX1K" });
        }

        var created = await (await AsAsync("clerk")).PostAsync("/api/cases", new
        {
            serviceItemCode = item,
            channel = "window",
            applicant = new { name = ApplicantName, idNumber = IdNumber, phone = Phone, organization = Organisation, organizationCode = "91440101MA59XXXX1K" },
            materials,
            delivery = new { method = "window" },
        }, HttpStatusCode.Created);
        var view = created["case"]!;
        return new WalkedCase(
            created["id"]!.GetValue<string>(),
            created["number"]!.GetValue<string>(),
            created["trackingCode"]!.GetValue<string>(),
            view["sla"]!["dueAt"]?.GetValue<DateTimeOffset>());
    }

    private async Task ActAsync(string id, string user, string action, object body) =>
        await (await AsAsync(user)).PostAsync($"/api/cases/{id}/actions/{action}", body);

    private async Task<DocumentClient> AsAsync(string username)
    {
        if (!_staff.TryGetValue(username, out var client))
        {
            client = await new DocumentClient(baseUrl).SignInAsync(username);
            _staff[username] = client;
        }

        return client;
    }

    public void Dispose()
    {
        foreach (var client in _staff.Values)
        {
            client.Dispose();
        }
    }
}
