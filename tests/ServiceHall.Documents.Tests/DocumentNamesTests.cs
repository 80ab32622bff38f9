using System.Net;
using System.Text.RegularExpressions;

namespace ServiceHall.Documents.Tests;

/// <summary>
/// Issue 22 item 3, "codes where people expect names": every document names the department and the reviewer as a
/// person reads them (广州市市场监督管理局, 李振华), never by the directory's code ("market-regulation") or the account's
/// user name ("reviewer"). The HTML's text is read without its tags and its base64 QR image, whose random letters could
/// spell a short code.
/// </summary>
[Collection(DocumentsCollection.Name)]
public sealed partial class DocumentNamesTests(DocumentsSilo silo) : IAsyncLifetime
{
    private const string DepartmentName = "广州市市场监督管理局";
    private const string DepartmentCode = "market-regulation";
    private const string ReviewerName = "李振华";
    private const string ReviewerUserName = "reviewer";
    private const string ClerkUserName = "clerk";

    private DocumentClient _clerk = null!;
    private DocumentClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _clerk = await silo.Client().SignInAsync("clerk");
        _anonymous = silo.Client();
    }

    public Task DisposeAsync()
    {
        _clerk.Dispose();
        _anonymous.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string, string> KindsAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in (string[])["receipt", "correction-notice", "rejection-notice", "certificate", "denial-decision"])
        {
            data.Add(kind, "pdf");
            data.Add(kind, "html");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndFormats))]
    public async Task NoDocumentPrintsADepartmentCodeOrAStaffUserName(string kind, string format)
    {
        var walked = ExpectedContent.CaseFor(silo, kind);
        var text = Readable(await FetchAsync(_clerk, $"/api/cases/{walked.Id}/documents/{kind}?format={format}"), format);

        Assert.DoesNotContain(DepartmentCode, text, StringComparison.OrdinalIgnoreCase);
        Assert.False(UserNameWord().IsMatch(text), $"{kind} {format} prints a staff user name: {UserNameWord().Match(text).Value}");
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("html")]
    public async Task CertificateOpinionCarriesTheDepartmentAndTheReviewerByName(string format)
    {
        var text = Readable(await FetchAsync(_clerk, $"/api/cases/{silo.Approved.Id}/documents/certificate?format={format}"), format);

        Assert.Contains("审批意见", text, StringComparison.Ordinal);
        Assert.Contains(Squeezed("符合条件", format), text, StringComparison.Ordinal);
        Assert.Contains(DepartmentName, text, StringComparison.Ordinal);
        Assert.Contains(ReviewerName, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("html")]
    public async Task DenialDecisionNamesTheDepartmentAndTheReviewerWhoDenied(string format)
    {
        var text = Readable(await FetchAsync(_clerk, $"/api/cases/{silo.Denied.Id}/documents/denial-decision?format={format}"), format);

        Assert.Contains(Squeezed($"审批部门：{DepartmentName}", format), text, StringComparison.Ordinal);
        Assert.Contains(ReviewerName, text, StringComparison.Ordinal);
    }

    /// <summary>The applicant's copy keeps the department's name and, like the rest of the applicant's view, leaves staff out.</summary>
    [Theory]
    [InlineData("certificate", "pdf")]
    [InlineData("certificate", "html")]
    [InlineData("denial-decision", "pdf")]
    [InlineData("denial-decision", "html")]
    public async Task ApplicantCopyNamesTheDepartmentButNoStaff(string kind, string format)
    {
        var walked = ExpectedContent.CaseFor(silo, kind);
        var text = Readable(await FetchAsync(_anonymous, $"/api/track/{walked.TrackingCode}/documents/{kind}?format={format}"), format);

        Assert.Contains(DepartmentName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ReviewerName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(DepartmentCode, text, StringComparison.OrdinalIgnoreCase);
        Assert.False(UserNameWord().IsMatch(text), $"{kind} {format} prints a staff user name: {UserNameWord().Match(text).Value}");
    }

    private static async Task<Fetched> FetchAsync(DocumentClient client, string path)
    {
        var fetched = await client.GetAsync(path);
        Assert.True(fetched.Status == HttpStatusCode.OK, $"{path}: {fetched}");
        return fetched;
    }

    /// <summary>What a reader sees: the PDF's text (its whitespace squeezed out), or the HTML's text without tags and images.</summary>
    private static string Readable(Fetched fetched, string format) =>
        format == "pdf"
            ? PdfReading.Text(fetched.Body)
            : WebUtility.HtmlDecode(Tag().Replace(DataUri().Replace(fetched.Text, ""), " "));

    private static string Squeezed(string text, string format) => format == "pdf" ? PdfReading.Squeeze(text) : text;

    /// <summary>A demo account's user name as a word of its own (lower case: the English labels say "Reviewer").</summary>
    [GeneratedRegex($"(?<![A-Za-z-]){ReviewerUserName}2?(?![A-Za-z-])|(?<![A-Za-z-]){ClerkUserName}(?![A-Za-z-])")]
    private static partial Regex UserNameWord();

    [GeneratedRegex("data:[^\"')\\s]+")]
    private static partial Regex DataUri();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
