using ServiceHall.Grains.Certificates;
using ServiceHall.Grains.Tests.Cases;

namespace ServiceHall.Grains.Tests.Certificates;

/// <summary>
/// The register entry of a certificate number, written without a read first (the common case: a new number) and read
/// only when the insert finds the number stored: a repeat of the same registration is accepted, another case's is
/// refused, and what is stored outlives the activation.
/// </summary>
public sealed class CertificateRegisterTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task ANumberIsRegisteredOnceForItsCaseAndRefusedToAnother()
    {
        var number = "GZ-TEST-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var grain = Register(number);

        Assert.True(await grain.RegisterAsync(Record(number, "case-a")));
        Assert.Equal("case-a", (await grain.GetAsync())!.CaseId);

        // A new activation knows nothing of it: its insert fails on the stored row, which it then reads.
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.True(await grain.RegisterAsync(Record(number, "case-a")));
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.False(await grain.RegisterAsync(Record(number, "case-b")));

        await cluster.Cluster.DeactivateAsync(grain);
        var stored = await grain.GetAsync();
        Assert.Equal(("case-a", number, CertificateStatuses.Valid), (stored!.CaseId, stored.Number, stored.Status));

        var revoked = await grain.RevokeAsync("错误签发", "admin");
        Assert.Equal(CertificateStatuses.Revoked, revoked!.Status);
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.Equal(CertificateStatuses.Revoked, (await grain.GetAsync())!.Status);
        Assert.False(await grain.RegisterAsync(Record(number, "case-b")));
    }

    [Fact]
    public async Task AnOlderCertificateIsReadBeforeItIsEntered()
    {
        // A case's activation making sure a certificate issued a day ago is entered: read first, then written once.
        var number = "GZ-OLD-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var grain = Register(number);
        var older = Record(number, "case-a") with { IssuedAt = cluster.Clock.GetUtcNow().AddDays(-1) };

        Assert.True(await grain.RegisterAsync(older));
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.True(await grain.RegisterAsync(older));
        Assert.False(await grain.RegisterAsync(older with { CaseId = "case-b" }));
        Assert.Equal(older.IssuedAt, (await grain.GetAsync())!.IssuedAt);
    }

    [Fact]
    public async Task AnUnknownNumberIsNullAndItsRevocationChangesNothing()
    {
        var grain = Register("GZ-NONE-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant());

        Assert.Null(await grain.GetAsync());
        Assert.Null(await grain.RevokeAsync("错误签发", "admin"));
        Assert.False(await grain.IsValidBusinessLicenceAsync("广州示例贸易有限公司", "91440101MA59XXXX1K"));
    }

    private ICertificateGrain Register(string number) => cluster.Cluster.Client.GetGrain<ICertificateGrain>(ICertificateGrain.Key(number));

    private CertificateRecord Record(string number, string caseId) => new()
    {
        Number = number,
        Holder = "广州示例贸易有限公司",
        ServiceItemCode = "GZ-SCJG-002",
        ServiceItemNameZh = "内资公司变更登记",
        ServiceItemNameEn = "Domestic company change registration",
        Form = "electronic",
        // Just issued, as a case registers it right after its write: the insert goes first.
        IssuedAt = cluster.Clock.GetUtcNow(),
        Source = "issued",
        CaseId = caseId,
    };
}
