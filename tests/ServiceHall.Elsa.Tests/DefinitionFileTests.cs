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

    [Fact]
    public async Task AZipIsUnpackedWithinBoundsOfEntriesEntrySizeAndTotalOrRefusedNamingFilesAndNothingIsImported()
    {
        var draft = await DefinitionFlowTests.CreateDraftAsync(Designer, "Zip bounds");
        var document = (await Designer.GetAsync($"/elsa/api/workflow-definitions/{draft}/export")).Object;
        document["definitionId"] = null;
        var json = document.ToJsonString();
        var before = await CountAsync();

        // A few kilobytes that inflate to 6 MB: one document padded with spaces (still a valid definition).
        var bomb = Zip(("bomb.json", json[..^1] + new string(' ', 6 * 1024 * 1024) + "}"));
        var tooLarge = await ImportAsync(("bomb.zip", bomb));
        Assert.True((tooLarge.Status, Field(tooLarge)) == (HttpStatusCode.RequestEntityTooLarge, "files"), tooLarge.Text);
        Assert.True(bomb.Length < 100 * 1024, $"{bomb.Length} bytes");

        // Ten documents of 3.5 MB each pass one by one, not together.
        var heavy = Enumerable.Range(0, 10).Select(i => ($"heavy-{i}.json", json[..^1] + new string(' ', 3_500_000) + "}")).ToArray();
        var tooMuch = await ImportAsync(("heavy.zip", Zip(heavy)));
        Assert.True((tooMuch.Status, Field(tooMuch)) == (HttpStatusCode.RequestEntityTooLarge, "files"), tooMuch.Text);

        var crowd = Zip([.. Enumerable.Range(0, 201).Select(i => ($"d{i}.json", json))]);
        var tooMany = await ImportAsync(("crowd.zip", crowd));
        Assert.True((tooMany.Status, Field(tooMany)) == (HttpStatusCode.BadRequest, "files"), tooMany.Text);

        var broken = await ImportAsync(("broken.zip", [0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFF, 0x00, 0x01, 0x02]));
        Assert.True((broken.Status, Field(broken)) == (HttpStatusCode.BadRequest, "files"), $"{(int)broken.Status} {broken.Text}");

        Assert.Equal(before, await CountAsync());

        // Within the bounds a zip still imports.
        var fine = await ImportAsync(("fine.zip", Zip(("a.json", json), ("b.json", json))));
        Assert.Equal(2, fine.Expect(HttpStatusCode.OK)["count"]!.GetValue<int>());
    }

    private async Task<int> CountAsync() =>
        (await Designer.GetAsync("/elsa/api/workflow-definitions?versionOptions=AllVersions&pageSize=1")).Expect(HttpStatusCode.OK)["totalCount"]!.GetValue<int>();

    private async Task<Answer> ImportAsync(params (string Name, byte[] Bytes)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            form.Add(new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "files", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/elsa/api/workflow-definitions/import-files") { Content = form };
        return await Designer.SendAsync(request);
    }

    private static string? Field(Answer answer) =>
        answer.ContentType?.Contains("json", StringComparison.Ordinal) == true ? answer.Json["field"]?.GetValue<string>() : null;

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }
}
