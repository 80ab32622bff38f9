using System.Net;
using ServiceHall.TestSupport;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 22 item 2 over HTTP: refusals that used to answer with ad-hoc English (bad JSON, a wrong type, a failed sign-in,
/// a broken catalogue item, …) carry their catalogue code and field, and say their <c>detail</c> in the language of
/// <c>Accept-Language</c>; a request with several problems names them all at once.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class CataloguedRefusalTests(SiloFixture silo) : IDisposable
{
    private readonly ApiClient _zh = new ApiClient(silo.BaseUrl).Speaking("zh-CN");
    private readonly ApiClient _en = new ApiClient(silo.BaseUrl).Speaking("en");

    public void Dispose()
    {
        _zh.Dispose();
        _en.Dispose();
    }

    [Fact]
    public async Task MalformedJsonIsRefusedOnTheBodyInEitherLanguage()
    {
        const string broken = """{"username": "clerk", "password": """;

        var zh = await _zh.PostAsync("/api/auth/token", null, rawBody: broken);
        var en = await _en.PostAsync("/api/auth/token", null, rawBody: broken);

        AssertRefused(zh, HttpStatusCode.BadRequest, "body.malformedJson", "body");
        AssertRefused(en, HttpStatusCode.BadRequest, "body.malformedJson", "body");
        Assert.StartsWith("提交的内容格式有误（第1行", Detail(zh));
        Assert.StartsWith("Malformed JSON at line 1", Detail(en));
        Assert.Equal("请求有误。", zh.Json["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWrongTypeNamesItsFieldAndSaysTheRuleInTheAskedLanguage()
    {
        const string body = """{"username": 5, "password": "x"}""";

        var zh = await _zh.PostAsync("/api/auth/token", null, rawBody: body);
        var en = await _en.PostAsync("/api/auth/token", null, rawBody: body);

        AssertRefused(zh, HttpStatusCode.BadRequest, "field.wrongType", "username");
        AssertRefused(en, HttpStatusCode.BadRequest, "field.wrongType", "username");
        Assert.Equal("类型或取值有误。", zh.Json["errors"]!["username"]![0]!.GetValue<string>());
        Assert.Equal("username: has the wrong type or value.", Detail(en));
    }

    [Fact]
    public async Task ASignInWithNeitherNameNorPasswordNamesBoth()
    {
        var zh = await _zh.PostAsync("/api/auth/token", new { username = " ", password = "" });

        Assert.Equal(HttpStatusCode.BadRequest, zh.Status);
        Assert.Equal([("username", "auth.usernameRequired"), ("password", "auth.passwordRequired")], Issues(zh));
        Assert.Equal("username: 请输入用户名。；password: 请输入密码。", Detail(zh));
    }

    [Fact]
    public async Task AWrongPasswordIsOneCataloguedAnswerInEitherLanguage()
    {
        var zh = await _zh.PostAsync("/api/auth/token", new { username = "clerk", password = "not-the-password" });
        var en = await _en.PostAsync("/api/auth/token", new { username = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = "x" });

        AssertRefused(zh, HttpStatusCode.Unauthorized, "auth.badCredentials", "password");
        AssertRefused(en, HttpStatusCode.Unauthorized, "auth.badCredentials", "password");
        Assert.Equal("用户名或密码错误。", Detail(zh));
        Assert.Equal("Unknown username or wrong password.", Detail(en));
    }

    [Fact]
    public async Task AMissingTokenIsRefusedInTheAskedLanguage()
    {
        var zh = await _zh.GetAsync("/api/outbox");
        var en = await _en.GetAsync("/api/outbox");

        AssertRefused(zh, HttpStatusCode.Unauthorized, "auth.tokenRequired", "Authorization");
        Assert.Equal("请先登录工作人员账号。", Detail(zh));
        Assert.StartsWith("This endpoint needs a staff bearer token", Detail(en));
    }

    [Fact]
    public async Task ABodyOverTheLimitIsA413NamingTheLimit()
    {
        var huge = $$"""{"username": "{{new string('a', 70 * 1024)}}", "password": "x"}""";

        var zh = await _zh.PostAsync("/api/auth/token", null, rawBody: huge);

        AssertRefused(zh, HttpStatusCode.RequestEntityTooLarge, "body.tooLarge", "body");
        Assert.Equal("提交的内容超过了允许的大小（65536字节）。", Detail(zh));
    }

    [Fact]
    public async Task ACatalogueItemWithSeveralBrokenRulesNamesEveryOne()
    {
        using var admin = (await new ApiClient(silo.BaseUrl).SignInAsync("admin")).Speaking("zh-CN");
        var item = new
        {
            code = "GZ-TEST-901",
            nameZh = "",
            nameEn = "Test item",
            department = "no-such-department",
            timeLimitDays = 0,
            channels = new[] { "window", "window" },
            materials = new[] { new { code = "Bad Code", nameZh = "表", nameEn = "Form", waiver = "stamp" } },
            workflowDefinitionId = "standard-case",
        };

        var zh = await admin.PutAsync("/api/catalog/items/GZ-TEST-901", item);
        var en = await admin.Speaking("en").PutAsync("/api/catalog/items/GZ-TEST-901", item);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, zh.Status);
        Assert.Equal(
            [("nameZh", "field.required"), ("department", "department.unknown"), ("timeLimitDays", "catalog.timeLimitRange"),
             ("channels[1]", "catalog.channelTwice"), ("materials[0].code", "catalog.materialCodeFormat"), ("materials[0].waiver", "field.oneOf")],
            Issues(zh));
        Assert.Equal("“no-such-department”不是名录中的部门，请从列表中选择。", zh.Json["errors"]!["department"]![0]!.GetValue<string>());
        Assert.Equal("承诺时限应为1至365个工作日。", zh.Json["errors"]!["timeLimitDays"]![0]!.GetValue<string>());
        Assert.Equal("The time limit must be between 1 and 365 working days.", en.Json["errors"]!["timeLimitDays"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/catalog/items/GZ-TEST-901")).Status);
    }

    [Fact]
    public async Task AStatisticsFilterWithTwoBadDatesNamesBoth()
    {
        using var manager = (await new ApiClient(silo.BaseUrl).SignInAsync("manager")).Speaking("en");

        var en = await manager.GetAsync("/api/stats/consultations?from=yesterday&to=2026-13-45");

        Assert.Equal(HttpStatusCode.BadRequest, en.Status);
        Assert.Equal([("from", "field.date"), ("to", "field.date")], Issues(en));
        Assert.Equal("must be a date (yyyy-MM-dd).", en.Json["errors"]!["to"]![0]!.GetValue<string>());
    }

    private static void AssertRefused(Reply reply, HttpStatusCode status, string code, string field)
    {
        Assert.True(reply.Status == status, $"{(int)reply.Status} {reply}");
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal(code, reply.Json["code"]!.GetValue<string>());
        Assert.Equal(field, reply.Json["field"]!.GetValue<string>());
    }

    private static string Detail(Reply reply) => reply.Json["detail"]!.GetValue<string>();

    private static List<(string? Field, string Code)> Issues(Reply reply) =>
        [.. reply.Json["issues"]!.AsArray().Select(i => (i!["field"]?.GetValue<string>(), i["code"]!.GetValue<string>()))];
}
