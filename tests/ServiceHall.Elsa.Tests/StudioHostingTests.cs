using System.Net;
using System.Net.Http.Headers;
using ServiceHall.TestSupport;

namespace ServiceHall.Elsa.Tests;

/// <summary>
/// Elsa Studio under /studio/ (compat notes §1.4, §1.5): our host page, its appsettings.json, the package files with
/// working content types (the .dat one the default setup lacks), and Brotli copies for browsers that accept them.
/// </summary>
[Collection(ElsaSiloCollection.Name)]
public sealed class StudioHostingTests(ElsaSilo silo) : IDisposable
{
    private static readonly string StudioFolder = Path.Combine(Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!, "elsa-studio");

    private readonly StudioClient _browser = new(silo.BaseUrl);

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task TheHostPageLoadsTheStudioElementsFromStudioAndSignsInWithTheSession()
    {
        var page = await _browser.GetAsync("/studio/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.ContentHeaders.ContentType!.MediaType);
        Assert.Contains("<base href=\"/studio/\"/>", page.Text);
        Assert.Contains("_framework/blazor.webassembly.js", page.Text);
        Assert.Contains("_content/MudBlazor/MudBlazor.min.css", page.Text);
        Assert.DoesNotContain("fonts.googleapis.com", page.Text);
        Assert.DoesNotContain("elsa-studio-workflow-definition-editor", page.Text);
        Assert.Contains("href=\"/board\"", page.Text);
        Assert.True(page.Text.IndexOf("studio-host.js", StringComparison.Ordinal) < page.Text.IndexOf("blazor.webassembly.js", StringComparison.Ordinal));

        var script = await _browser.GetAsync("/studio/studio-host.js");
        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.Equal("text/javascript", script.ContentHeaders.ContentType!.MediaType);
        foreach (var expected in new[]
        {
            "/api/auth/session-token", "/login?returnUrl=/studio/", "'access-token'", "elsa-backend-provider", "/elsa/api",
            "elsa-workflow-definition-list", "elsa-workflow-definition-editor", "elsa-workflow-instance-list", "elsa-workflow-instance-viewer",
            "editWorkflowDefinition", "viewWorkflowInstance", "expiresAt",
        })
        {
            Assert.Contains(expected, script.Text);
        }

        var bare = await _browser.GetAsync("/studio");
        Assert.True(bare.Status is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently or HttpStatusCode.Found, bare.ToString());
        Assert.Equal("/studio/", bare.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AppSettingsPointsTheStudioAtTheElsaApi()
    {
        var settings = await _browser.GetAsync("/studio/appsettings.json");

        Assert.Equal(HttpStatusCode.OK, settings.Status);
        Assert.Equal("application/json", settings.ContentHeaders.ContentType!.MediaType);
        Assert.EndsWith("/elsa/api", settings.Json["Backend"]!["Url"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageFilesAreServedWithTheContentTypesTheStudioNeeds()
    {
        var icu = Relative(Directory.GetFiles(Path.Combine(StudioFolder, "_framework"), "icudt*.dat").Single());
        var wasm = Relative(Directory.GetFiles(Path.Combine(StudioFolder, "_framework"), "Elsa.Api.Client*.wasm").Single());
        var expected = new Dictionary<string, string>
        {
            [icu] = "application/octet-stream",
            [wasm] = "application/wasm",
            ["_framework/blazor.webassembly.js"] = "text/javascript",
            ["_framework/dotnet.js"] = "text/javascript",
            ["Elsa.Studio.Host.CustomElements.styles.css"] = "text/css",
            ["_content/MudBlazor/MudBlazor.min.css"] = "text/css",
            ["_content/Elsa.Studio.Shell/site.webmanifest"] = "application/manifest+json",
        };
        foreach (var (path, contentType) in expected)
        {
            var file = await _browser.GetAsync("/studio/" + path);
            Assert.True(file.Status == HttpStatusCode.OK, $"{path}: {file.Status}");
            Assert.Equal(contentType, file.ContentHeaders.ContentType!.MediaType);
            Assert.Null(file.ContentHeaders.ContentEncoding.FirstOrDefault());
            Assert.Equal(new FileInfo(Path.Combine(StudioFolder, path)).Length, file.Bytes.Length);
        }
    }

    [Fact]
    public async Task BrowsersThatAcceptBrotliGetThePrecompressedCopy()
    {
        var wasm = Relative(Directory.GetFiles(Path.Combine(StudioFolder, "_framework"), "Elsa.Studio.Workflows.*.wasm").First(f => !f.Contains("Designer")));

        var compressed = await _browser.SendAsync(HttpMethod.Get, "/studio/" + wasm, null,
            request => request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd"));
        var plain = await _browser.SendAsync(HttpMethod.Get, "/studio/" + wasm, null,
            request => request.Headers.AcceptEncoding.ParseAdd("gzip"));

        Assert.Equal(HttpStatusCode.OK, compressed.Status);
        Assert.Equal(["br"], compressed.ContentHeaders.ContentEncoding);
        Assert.Equal("application/wasm", compressed.ContentHeaders.ContentType!.MediaType);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(StudioFolder, wasm + ".br")), compressed.Bytes);
        Assert.Empty(plain.ContentHeaders.ContentEncoding);
        Assert.True(compressed.Bytes.Length < plain.Bytes.Length / 2, $"{compressed.Bytes.Length} vs {plain.Bytes.Length}");

        var refused = await _browser.SendAsync(HttpMethod.Get, "/studio/" + wasm, null,
            request => request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br", 0)));
        Assert.Empty(refused.ContentHeaders.ContentEncoding);
    }

    [Fact]
    public async Task OnlyTheStudioFolderIsServed()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _browser.GetAsync("/studio/no-such-file.js")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _browser.GetAsync("/studio/..%2F..%2Fappsettings.json")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _browser.GetAsync("/studio/package.json")).Status);
    }

    private static string Relative(string path) => Path.GetRelativePath(StudioFolder, path).Replace('\\', '/');
}
