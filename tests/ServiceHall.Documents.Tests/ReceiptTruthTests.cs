namespace ServiceHall.Documents.Tests;

/// <summary>
/// Issue 21: the receipt says "materials complete" only when they are. A case accepted explicitly with deficiencies
/// (容缺受理) gets a receipt that lists what is missing — on one A4 page, in PDF as in HTML.
/// </summary>
[Collection(DocumentsCollection.Name)]
public sealed class ReceiptTruthTests(DocumentsSilo silo) : IAsyncLifetime
{
    private static readonly string[] Missing = ["营业执照复印件", "股东会决议或决定", "章程修正案"];

    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private DocumentClient _clerk = null!;
    private WalkedCase _accepted = null!;
    private System.Text.Json.Nodes.JsonNode _refused = null!;

    public async Task InitializeAsync()
    {
        _clerk = await silo.Client().SignInAsync("clerk");
        (_accepted, _refused) = await _walker.AcceptWithDeficienciesAsync();
    }

    public Task DisposeAsync()
    {
        _walker.Dispose();
        _clerk.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void AcceptingAsCompleteWhileMaterialsAreMissingIsRefusedOnTheMaterialsField()
    {
        Assert.Equal("materials", _refused["field"]!.GetValue<string>());
        Assert.Contains("amended-articles", _refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReceiptOfACaseAcceptedWithDeficienciesListsThemAndClaimsNoCompleteness()
    {
        var pdf = await _clerk.GetAsync($"/api/cases/{_accepted.Id}/documents/receipt?format=pdf");
        var html = System.Net.WebUtility.HtmlDecode((await _clerk.GetAsync($"/api/cases/{_accepted.Id}/documents/receipt?format=html")).Text);

        var text = PdfReading.Text(pdf.Body);
        foreach (var expected in Missing.Append("容缺受理"))
        {
            Assert.Contains(PdfReading.Squeeze(expected), text, StringComparison.Ordinal);
            Assert.Contains(expected, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("申请材料齐全", text, StringComparison.Ordinal);
        Assert.DoesNotContain("申请材料齐全", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACompleteCasesReceiptSaysSo()
    {
        var pdf = await _clerk.GetAsync($"/api/cases/{silo.Approved.Id}/documents/receipt?format=pdf");

        var text = PdfReading.Text(pdf.Body);
        Assert.Contains("申请材料齐全", text, StringComparison.Ordinal);
        Assert.Contains(PdfReading.Squeeze("章程修正案"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("容缺受理", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachReceiptFitsOneA4PageInPdf()
    {
        // 危险化学品经营许可证新办 asks for the most materials of the catalogue; here all but the form are missing.
        var (longest, _) = await _walker.AcceptWithDeficienciesAsync("GZ-YJGL-001");
        var pages = new List<string>();
        foreach (var id in new[] { _accepted.Id, silo.Approved.Id, longest.Id })
        {
            var pdf = await _clerk.GetAsync($"/api/cases/{id}/documents/receipt?format=pdf");
            pages.Add($"{id}: {PdfReading.PageCount(pdf.Body)}");
        }

        Assert.All(pages, p => Assert.EndsWith(": 1", p, StringComparison.Ordinal));
    }
}
