using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace ServiceHall.TestSupport;

/// <summary>
/// What a backup must bring back, read before it and compared after a restore: each case as the clerk sees it (version,
/// journal, documents, uploads) and the bytes of every scanned upload. Shared by the embedded backup and the
/// PostgreSQL dump drill, so both hold a restore to the same standard.
/// </summary>
public sealed class CaseSnapshot
{
    private readonly Dictionary<string, JsonNode> _views = [];

    /// <summary>Upload path → bytes, for every upload of every case taken.</summary>
    public Dictionary<string, byte[]> Scans { get; } = [];

    public int Count => _views.Count;

    public bool IsEmpty => _views.Count == 0;

    /// <summary>Reads the case as the clerk sees it and downloads each of its uploads.</summary>
    public async Task TakeAsync(CaseWalker walker, string caseId)
    {
        var view = await walker.GetAsync(caseId, "clerk");
        _views[caseId] = view;
        var clerk = await walker.AsAsync("clerk");
        foreach (var upload in view["uploads"]?.AsArray() ?? [])
        {
            var path = $"/api/cases/{caseId}/uploads/{upload!["documentId"]!.GetValue<string>()}";
            Scans[path] = (await clerk.DownloadAsync(path)).Bytes;
        }
    }

    /// <summary>Every case taken is back unchanged (same version, journal, documents and uploads), every scan byte for byte.</summary>
    public async Task AssertRestoredAsync(CaseWalker after)
    {
        foreach (var (id, view) in _views)
        {
            var now = await after.GetAsync(id, "clerk");
            Assert.Equal(CaseWalker.Version(view), CaseWalker.Version(now));
            Assert.Equal(view["journal"]!.ToJsonString(), now["journal"]!.ToJsonString());
            Assert.Equal(view["documents"]?.ToJsonString(), now["documents"]?.ToJsonString());
            Assert.Equal(view["uploads"]?.ToJsonString(), now["uploads"]?.ToJsonString());
        }

        var clerk = await after.AsAsync("clerk");
        foreach (var (path, bytes) in Scans)
        {
            var download = await clerk.DownloadAsync(path);
            Assert.Equal(HttpStatusCode.OK, download.Status);
            Assert.Equal(bytes, download.Bytes);
        }
    }
}
