using System.Net;

namespace ServiceHall.Documents.Tests;

/// <summary>The applicant's copies, reached with the tracking code alone: personal data masked, no other case reachable.</summary>
[Collection(DocumentsCollection.Name)]
public sealed class ApplicantDocumentTests(DocumentsSilo silo) : IDisposable
{
    private readonly DocumentClient _anonymous = silo.Client();

    [Theory]
    [InlineData("pdf")]
    [InlineData("html")]
    public async Task ApplicantCopyMasksNameIdNumberAndPhone(string format)
    {
        var walked = silo.Approved;
        var fetched = await _anonymous.GetAsync($"/api/track/{walked.TrackingCode}/documents/receipt?format={format}");

        Assert.True(fetched.Status == HttpStatusCode.OK, fetched.ToString());
        var text = format == "pdf" ? PdfReading.Text(fetched.Body) : WebUtility.HtmlDecode(fetched.Text);
        Assert.Contains(walked.Number, text, StringComparison.Ordinal);
        Assert.Contains(CaseWalker.ItemNameZh, text, StringComparison.Ordinal);
        Assert.Contains("张*丰", text, StringComparison.Ordinal);
        Assert.Contains("440106********1231", text, StringComparison.Ordinal);
        Assert.Contains("138****8000", text, StringComparison.Ordinal);
        Assert.DoesNotContain(CaseWalker.ApplicantName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(CaseWalker.IdNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(CaseWalker.Phone, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplicantQrCodeIsTheSameTrackingUrl()
    {
        var walked = silo.Approved;
        var fetched = await _anonymous.GetAsync($"/api/track/{walked.TrackingCode.ToLowerInvariant()}/documents/correction-notice", "application/pdf");

        Assert.Equal("application/pdf", fetched.MediaType);
        Assert.Equal([walked.TrackUrl], PdfReading.QrCodes(fetched.Body));
    }

    [Fact]
    public async Task TrackingCodeReachesOnlyItsOwnCase()
    {
        // The rejected case's code shows that case's notice, and has no receipt even though another case does.
        var own = await _anonymous.GetAsync($"/api/track/{silo.Rejected.TrackingCode}/documents/rejection-notice?format=pdf");
        Assert.Equal(HttpStatusCode.OK, own.Status);
        var text = PdfReading.Text(own.Body);
        Assert.Contains(silo.Rejected.Number, text, StringComparison.Ordinal);
        Assert.DoesNotContain(silo.Approved.Number, text, StringComparison.Ordinal);

        var notIssued = await _anonymous.GetAsync($"/api/track/{silo.Rejected.TrackingCode}/documents/receipt");
        Assert.Equal((HttpStatusCode.NotFound, "kind"), (notIssued.Status, notIssued.Field));

        var guessed = await _anonymous.GetAsync("/api/track/ABCDEFGHJKMNPQRS/documents/receipt");
        Assert.Equal((HttpStatusCode.NotFound, "trackingCode"), (guessed.Status, guessed.Field));

        // The staff route by case id is closed to anyone without a token.
        var byId = await _anonymous.GetAsync($"/api/cases/{silo.Approved.Id}/documents/receipt");
        Assert.Equal(HttpStatusCode.Unauthorized, byId.Status);
    }

    public void Dispose() => _anonymous.Dispose();
}
