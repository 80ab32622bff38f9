using System.Net;
using static ServiceHall.Elsa.Tests.StudioRequests;

namespace ServiceHall.Elsa.Tests;

/// <summary>Designers and admins edit; managers read, and get no publish links so the studio shows them read-only; other staff 403; anonymous 401.</summary>
[Collection(ElsaSiloCollection.Name)]
public sealed class ElsaAuthorizationTests(ElsaSilo silo)
{
    private static readonly string[] ReadPaths =
    [
        "/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10",
        "/elsa/api/workflow-definitions/by-definition-id/servicehall-standard",
        "/elsa/api/descriptors/activities",
    ];

    [Fact]
    public async Task AnonymousCallersGet401ProblemDetails()
    {
        using var anonymous = new StudioClient(silo.BaseUrl);
        foreach (var path in ReadPaths)
        {
            var answer = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Equal("application/problem+json", answer.ContentHeaders.ContentType!.MediaType);
            Assert.Equal(401, answer.Json["status"]!.GetValue<int>());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/elsa/api/workflow-definitions", Create("anonymous"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/elsa/api/workflow-instances", "{}")).Status);
    }

    [Theory]
    [InlineData("clerk")]
    [InlineData("reviewer")]
    [InlineData("coordinator")]
    public async Task OtherStaffGet403(string username)
    {
        using var staff = await StudioClient.SignedInAsync(silo.BaseUrl, username);
        foreach (var path in ReadPaths)
        {
            var answer = await staff.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            Assert.Equal("application/problem+json", answer.ContentHeaders.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/elsa/api/workflow-definitions", Create("clerk's"))).Status);
    }

    [Fact]
    public async Task ManagersReadEverythingWithoutPublishLinksAndCannotEdit()
    {
        using var manager = await StudioClient.SignedInAsync(silo.BaseUrl, "manager");

        var list = (await manager.GetAsync("/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain("bulk-publish", Rels(list["links"]));
        Assert.NotEmpty(list["items"]!.AsArray());
        Assert.All(list["items"]!.AsArray(), item => Assert.DoesNotContain("publish", Rels(item!["links"])));

        var definition = (await manager.GetAsync("/elsa/api/workflow-definitions/by-definition-id/servicehall-standard?versionOptions=Latest")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain("publish", Rels(definition["links"]));
        Assert.NotEmpty(Activities(definition));
        (await manager.GetAsync("/elsa/api/descriptors/activities?Refresh=True")).Expect(HttpStatusCode.OK);
        (await manager.PostAsync("/elsa/api/workflow-instances", """{"page":0,"pageSize":10}""")).Expect(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/elsa/api/workflow-definitions", Resave(definition))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/elsa/api/workflow-definitions/servicehall-standard/retract", "{}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.DeleteAsync("/elsa/api/workflow-definitions/servicehall-standard")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", """{"definitionIds":["servicehall-standard"]}""")).Status);
    }

    [Theory]
    [InlineData("designer")]
    [InlineData("admin")]
    public async Task DesignersAndAdminsEditWithPublishLinks(string username)
    {
        using var editor = await StudioClient.SignedInAsync(silo.BaseUrl, username);

        var list = (await editor.GetAsync("/elsa/api/workflow-definitions?versionOptions=Latest")).Expect(HttpStatusCode.OK);
        Assert.Contains("bulk-publish", Rels(list["links"]));
        var created = (await editor.PostAsync("/elsa/api/workflow-definitions", Create($"{username} {Guid.NewGuid():N}"))).Expect(HttpStatusCode.OK);
        Assert.Contains("publish", Rels(created["workflowDefinition"]!["links"]));
    }
}
