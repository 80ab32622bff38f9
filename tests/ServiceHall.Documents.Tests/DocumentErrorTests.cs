using System.Net;

namespace ServiceHall.Documents.Tests;

/// <summary>Refusals are RFC 9457 problem details naming the field at fault.</summary>
[Collection(DocumentsCollection.Name)]
public sealed class DocumentErrorTests(DocumentsSilo silo) : IAsyncLifetime
{
    private DocumentClient _clerk = null!;
    private readonly DocumentClient _anonymous = silo.Client();

    public async Task InitializeAsync() => _clerk = await silo.Client().SignInAsync("clerk");

    [Fact]
    public async Task UnknownKindIs400NamingKind()
    {
        var staff = await _clerk.GetAsync($"/api/cases/{silo.Approved.Id}/documents/invoice");
        var applicant = await _anonymous.GetAsync($"/api/track/{silo.Approved.TrackingCode}/documents/invoice");

        Assert.Equal((HttpStatusCode.BadRequest, "kind"), (staff.Status, staff.Field));
        Assert.Equal((HttpStatusCode.BadRequest, "kind"), (applicant.Status, applicant.Field));
    }

    [Fact]
    public async Task KindNotIssuedYetIs404NamingKind()
    {
        var fetched = await _clerk.GetAsync($"/api/cases/{silo.Rejected.Id}/documents/certificate?format=pdf");

        Assert.Equal((HttpStatusCode.NotFound, "kind"), (fetched.Status, fetched.Field));
        Assert.Contains("rejection-notice", fetched.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFormatIs400NamingFormat()
    {
        var fetched = await _clerk.GetAsync($"/api/cases/{silo.Approved.Id}/documents/receipt?format=docx");

        Assert.Equal((HttpStatusCode.BadRequest, "format"), (fetched.Status, fetched.Field));
    }

    [Fact]
    public async Task NoTokenIs401()
    {
        var fetched = await _anonymous.GetAsync($"/api/cases/{silo.Approved.Id}/documents/receipt?format=pdf");

        Assert.Equal(HttpStatusCode.Unauthorized, fetched.Status);
    }

    [Fact]
    public async Task UnknownCaseIs404NamingId()
    {
        var fetched = await _clerk.GetAsync("/api/cases/case-00000000000000000000000000000000/documents/receipt");

        Assert.Equal((HttpStatusCode.NotFound, "id"), (fetched.Status, fetched.Field));
    }

    [Fact]
    public async Task StaffOutsideTheCasesScopeIs403()
    {
        using var otherDepartment = await silo.Client().SignInAsync("reviewer2");

        var fetched = await otherDepartment.GetAsync($"/api/cases/{silo.Approved.Id}/documents/receipt");

        Assert.Equal((HttpStatusCode.Forbidden, "scope"), (fetched.Status, fetched.Field));
    }

    public Task DisposeAsync()
    {
        _clerk.Dispose();
        _anonymous.Dispose();
        return Task.CompletedTask;
    }
}
