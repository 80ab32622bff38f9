using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 22 item 2: a refusal carries a stable code per broken rule, names every refused field at once (not the first
/// only), and says its messages in the language the request asks for — Chinese unless it asks for English.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class ProblemCodesTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task ACorrectionRequestWithTwoUnfinishedRowsNamesBothWithTheirCodeInChineseByDefault()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var caseId = CaseWalker.Id(opened);
        var clerk = await _walker.AsAsync("clerk");

        var refused = await clerk.PostAsync($"/api/cases/{caseId}/actions/request-correction",
            new { deficiencies = new object[] { new { problem = "缺少签字" }, new { problem = " " }, new { materialCode = "application-form" } } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("field.required", refused.Json["code"]!.GetValue<string>());
        var errors = refused.Json["errors"]!.AsObject();
        Assert.Equal(["deficiencies[1].problem", "deficiencies[2].problem"], errors.Select(e => e.Key).Order().ToArray());
        Assert.All(Issues(refused), issue => Assert.Equal("field.required", issue.Code));
        Assert.Equal("必填。", errors["deficiencies[1].problem"]![0]!.GetValue<string>());
        Assert.Contains("必填", refused.Json["detail"]!.GetValue<string>());
        Assert.DoesNotContain("is required", refused.ToString());
        Assert.Equal(CaseWalker.Version(opened), CaseWalker.Version(await _walker.GetAsync(caseId)));
    }

    [Fact]
    public async Task TheSameRefusalInEnglishWhenTheRequestAsksForIt()
    {
        var caseId = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        var clerk = (await _walker.AsAsync("clerk")).Speaking("en");

        var refused = await clerk.PostAsync($"/api/cases/{caseId}/actions/request-correction",
            new { deficiencies = new object[] { new { problem = "" }, new { problem = "" } } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(2, Issues(refused).Count);
        Assert.Equal("is required.", refused.Json["errors"]!["deficiencies[0].problem"]![0]!.GetValue<string>());
        Assert.Equal("The request is malformed.", refused.Json["title"]!.GetValue<string>());
        Assert.DoesNotContain("必填", refused.ToString());
    }

    [Fact]
    public async Task OpeningACaseWithSeveralWrongApplicantFieldsNamesThemAll()
    {
        var clerk = await _walker.AsAsync("clerk");
        var application = new
        {
            serviceItemCode = "GZ-SCJG-002",
            channel = "window",
            applicant = new { name = "", idNumber = "123", phone = "555" },
            materials = Array.Empty<object>(),
        };

        var zh = await clerk.PostAsync("/api/cases", application);
        var en = await (await _walker.AsAsync("clerk")).Speaking("en-US,en;q=0.9").PostAsync("/api/cases", application);

        Assert.Equal(HttpStatusCode.BadRequest, zh.Status);
        Assert.Equal(
            [("applicant.name", "applicant.nameRequired"), ("applicant.idNumber", "applicant.idNumberInvalid"), ("applicant.phone", "phone.invalid")],
            Issues(zh).Select(i => (i.Field, i.Code)).ToArray());
        Assert.Contains("身份证", zh.Json["errors"]!["applicant.idNumber"]![0]!.GetValue<string>());
        Assert.Contains("identity number", en.Json["errors"]!["applicant.idNumber"]![0]!.GetValue<string>());
        Assert.Equal(Issues(zh).Select(i => i.Code), Issues(en).Select(i => i.Code));
    }

    [Fact]
    public async Task ASlotConfigurationWithTwoBadRulesNamesBothInTheAskedLanguage()
    {
        var admin = await _walker.AsAsync("admin");
        var rules = new object[]
        {
            new { window = "general-1", from = "09:00", to = "10:00", slotMinutes = 30, capacity = 0 },
            new { window = "general-1", from = "13:00", to = "14:00", slotMinutes = 2, capacity = 5 },
        };

        var zh = await admin.PutAsync("/api/appointments/schedule?hall=gz", new { rules });
        var en = await (await _walker.AsAsync("admin")).Speaking("en").PutAsync("/api/appointments/schedule?hall=gz", new { rules });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, zh.Status);
        Assert.Equal([("rules[0].capacity", "slots.capacityRange"), ("rules[1].slotMinutes", "slots.slotMinutesRange")],
            Issues(zh).Select(i => (i.Field, i.Code)).ToArray());
        Assert.Equal("每个时段可约1到1000人。", zh.Json["errors"]!["rules[0].capacity"]![0]!.GetValue<string>());
        Assert.Equal("A slot has 1 to 1000 places.", en.Json["errors"]!["rules[0].capacity"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryRefusalCarriesACodeEvenWhereTheCatalogueHasNoText()
    {
        var missing = await (await _walker.AsAsync("admin")).GetAsync("/api/cases/case-nosuchcase0000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("resource.notFound", missing.Json["code"]!.GetValue<string>());
        Assert.Equal("未找到。", missing.Json["title"]!.GetValue<string>());
    }

    private static List<(string? Field, string Code, string Detail)> Issues(Reply reply) =>
        [.. reply.Json["issues"]!.AsArray().Select(i => (i!["field"]?.GetValue<string>(), i["code"]!.GetValue<string>(), i["detail"]!.GetValue<string>()))];
}
