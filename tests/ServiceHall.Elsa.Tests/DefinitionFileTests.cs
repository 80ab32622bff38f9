using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ServiceHall.Elsa.Tests;

/// <summary>Export, import and import-files (compat notes §3.3 rows 11–13 and the bulk export).</summary>
[Collection(ElsaSiloCollection.Name)]
public sealed class DefinitionFileTests(ElsaSilo silo) : DesignerTest(silo)
{
    [Fact]
    public async Task AnExportedDefinitionImportsAsANewDraft()
    {
        var definitionId = await DefinitionFlowTests.CreatePublishedAsync(Designer, "Export");

        var export = await Designer.GetAsync($"/elsa/api/workflow-definitions/{definitionId}/export?versionOptions=Latest&includeConsumingWorkflows=false");
        Assert.Equal(HttpStatusCode.OK, export.Status);
        Assert.Equal($"{definitionId}-v1.json", export.ContentHeaders.ContentDisposition!.FileNameStar ?? export.ContentHeaders.ContentDisposition.FileName);
        var document = export.Object;
        Assert.Null(document["links"]);
        Assert.Equal(3, StudioRequests.Activities(document).Count);

        document["definitionId"] = null;
        document["name"] = "Imported " + definitionId;
        var imported = (await Designer.PostAsync("/elsa/api/workflow-definitions/import", document)).Expect(HttpStatusCode.Created);
        Assert.NotEqual(definitionId, imported["definitionId"]!.GetValue<string>());
        Assert.Equal((1, true, false), (imported["version"]!.GetValue<int>(), imported["isLatest"]!.GetValue<bool>(), imported["isPublished"]!.GetValue<bool>()));
        Assert.Contains("publish", StudioRequests.Rels(imported["links"]));
    }

    [Fact]
    public async Task ImportFilesTakesJsonAndZipFilesAndBulkExportMakesTheZip()
    {
        var first = await DefinitionFlowTests.CreateDraftAsync(Designer, "Zip A");
        var second = await DefinitionFlowTests.CreateDraftAsync(Designer, "Zip B");
        var ids = new JsonArray();
        foreach (var id in new[] { first, second })
        {
            ids.Add((await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{id}")).Expect(HttpStatusCode.OK)["id"]!.GetValue<string>());
        }

        var zip = await Designer.PostAsync("/elsa/api/bulk-actions/export/workflow-definitions", new JsonObject { ["ids"] = ids, ["includeConsumingWorkflows"] = false });
        Assert.Equal(HttpStatusCode.OK, zip.Status);
        Assert.Equal("application/zip", zip.ContentHeaders.ContentType!.MediaType);
        using (var archive = new ZipArchive(new MemoryStream(zip.Bytes)))
        {
            Assert.Equal(new[] { $"{first}-v1.json", $"{second}-v1.json" }.Order(), archive.Entries.Select(e => e.FullName).Order());
        }

        var single = (await Designer.GetAsync($"/elsa/api/workflow-definitions/{first}/export")).Object;
        single["definitionId"] = null;
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(single.ToJsonString())) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, "files", "one.json" },
            { new ByteArrayContent(zip.Bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "files", "two.zip" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/elsa/api/workflow-definitions/import-files") { Content = form };
        var imported = (await Designer.SendAsync(request)).Expect(HttpStatusCode.OK);
        Assert.Equal(3, imported["count"]!.GetValue<int>());

        // The zip's documents kept their definition ids; those workflows were drafts, so the import updated them in place.
        var history = (await Designer.GetAsync($"/elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds={first}")).Expect(HttpStatusCode.OK);
        Assert.Single(history["items"]!.AsArray());

        using var bad = new MultipartFormDataContent { { new ByteArrayContent("not json"u8.ToArray()), "files", "bad.json" } };
        using var badRequest = new HttpRequestMessage(HttpMethod.Post, "/elsa/api/workflow-definitions/import-files") { Content = bad };
        var refused = await Designer.SendAsync(badRequest);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("files", refused.Json["field"]!.GetValue<string>());
    }
}
