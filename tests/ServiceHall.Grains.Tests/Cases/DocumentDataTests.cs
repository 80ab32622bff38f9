using ServiceHall.Grains.Cases;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>An issued document's stored JSON reaches the renderer typed; the applicant's copy names no staff.</summary>
public sealed class DocumentDataTests
{
    private const string Notice = """
        {"round":2,"dueAt":"2026-12-10T01:00:00+00:00","deficiencies":[
          {"problem":"缺少股东签字，请联系gz2","materialCode":"change-resolution","raisedBy":"gz2","department":"market-regulation","id":"r2-d1"},
          {"problem":"申请书落款日期不清","raisedBy":"gz2","id":"r2-d2"}]}
        """;

    [Fact]
    public void ACorrectionNoticeReadsItsRoundDueDateAndDeficiencies()
    {
        var data = DocumentData.From(Notice);

        Assert.Equal((2, DateTimeOffset.Parse("2026-12-10T01:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture)), (data.Round, data.DueAt));
        Assert.Equal(
            [new DeficiencyView("r2-d1", "change-resolution", "缺少股东签字，请联系gz2", "gz2", "market-regulation"), new DeficiencyView("r2-d2", null, "申请书落款日期不清", "gz2", null)],
            data.Deficiencies);
    }

    [Fact]
    public void TheApplicantsCopyDropsWhoRaisedEachDeficiencyAndTheirName()
    {
        var data = ApplicantRedaction.Document(DocumentData.From(Notice), new HashSet<string>(["gz2"], StringComparer.OrdinalIgnoreCase));

        Assert.All(data.Deficiencies, d => Assert.Null(d.RaisedBy));
        Assert.Equal("缺少股东签字，请联系工作人员", data.Deficiencies[0].Problem);
    }

    [Fact]
    public void ACertificateAndARejectionKeepTheirFacts()
    {
        var certificate = DocumentData.From("""{"form":"both","issuedBy":"clerk","certificateNumber":"GZ-2026-000001"}""");
        Assert.Equal(("both", "GZ-2026-000001"), (certificate.Form, certificate.CertificateNumber));
        Assert.Equal("不属于本中心受理范围", DocumentData.From("""{"reason":"不属于本中心受理范围","rejectedBy":"clerk"}""").Reason);
        Assert.Empty(DocumentData.From("not json").Deficiencies);
    }
}
