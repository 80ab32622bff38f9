using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Certificates;
using ServiceHall.TestSupport;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// The register entry of a certificate a case issues is written in the case's turn after the issuing command's
/// answer: a read of the case never finds it missing, and a number the register holds for someone else neither keeps
/// retrying nor keeps the case in memory.
/// </summary>
public sealed class CaseCertificatesTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task AReadOfTheCaseRightAfterTheIssuingAnswerFindsTheCertificateRegistered()
    {
        var grain = await ApprovedAsync();

        var issued = await ActAsync(grain, Clerk, ActionNames.IssueCertificate, new { form = "paper" });
        // Whichever turn comes first, the register turn or this read, the read answers after the entry is written.
        await GetAsync(grain);

        var number = Assert.Single(issued.Certificates).Number;
        var entry = await Register(number).GetAsync();
        Assert.Equal((issued.Id, "issued"), (entry?.CaseId, entry?.Source));
    }

    [Fact]
    public async Task ANumberHeldByAnotherEntryDoesNotKeepTheClosedCaseInMemory()
    {
        var grain = await ApprovedAsync();
        var number = (await GetAsync(grain)).Number;
        Assert.True(await Register(number).RegisterAsync(new CertificateRecord
        {
            Number = number,
            Holder = "广州另一示例有限公司",
            ServiceItemCode = "GZ-SCJG-002",
            ServiceItemNameZh = "内资公司变更登记",
            ServiceItemNameEn = "Domestic company change registration",
            Form = "paper",
            IssuedAt = cluster.Clock.GetUtcNow(),
            Source = "import",
        }));

        await ActAsync(grain, Clerk, ActionNames.IssueCertificate, new { form = "paper" });
        await ActAsync(grain, Clerk, ActionNames.NotifyPickup);
        await ActAsync(grain, Clerk, ActionNames.PickedUp, new { collector = "applicant", idNumber = ApplicantIdNumber });

        // Retrying cannot change whose entry it is: the closed case goes as any other does, and the entry stays the other's.
        await Eventually.UntilAsync(() => cluster.IsActiveAsync(grain), active => !active, "the closed case's activation goes away");
        Assert.Equal("import", (await Register(number).GetAsync())!.Source);
    }

    private async Task<ICaseGrain> ApprovedAsync()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        await ActAsync(grain, Reviewer, ActionNames.Pass);
        await ActAsync(grain, Reviewer, ActionNames.Approve, new { opinion = "符合条件" });
        return grain;
    }

    private ICertificateGrain Register(string number) => cluster.Cluster.Client.GetGrain<ICertificateGrain>(ICertificateGrain.Key(number));
}
