using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceHall.Api.Pages.Cases;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Tests;

/// <summary>Journal lines are written from kind + args by the page's resources, in Chinese and in English.</summary>
public sealed class JournalTextTests
{
    private static readonly IStringLocalizer<CaseText> Text = new StringLocalizer<CaseText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static readonly CaseNames Names = new(null, [new Department("emergency-management", "应急管理局", "Emergency Management Bureau", "guangzhou")],
        new OrganisationDirectory(new OrganisationOptions { Halls = DefaultOrganisation.CreateHalls() }, includeDemoStaff: true));

    [Theory]
    [InlineData("zh-CN", "3 项需补正")]
    [InlineData("en", "3 deficiency(ies) listed")]
    public void ACorrectionRequestSaysItsCountInThePageLanguage(string culture, string expected)
    {
        var entry = Entry(CaseJournalKinds.Step, "request-correction", ("deficiencies", "3"));
        Assert.Equal(expected, In(culture, () => JournalText.Text(entry, Names, showStaff: true, Text)));
    }

    [Theory]
    [InlineData("zh-CN", "审查环节 g1-s1；应急管理局；审查人 王建国")]
    [InlineData("en", "plan part g1-s1; Emergency Management Bureau; reviewer 王建国")]
    public void APlanChangeNamesTheDepartmentAndTheReviewerForStaff(string culture, string expected)
    {
        var entry = Entry(CaseJournalKinds.PlanChanged, "reassign", ("change", "reassign"), ("part", "g1-s1"), ("department", "emergency-management"), ("reviewer", "reviewer2"));
        Assert.Equal(expected, In(culture, () => JournalText.Text(entry, Names, showStaff: true, Text)));
    }

    [Fact]
    public void TheApplicantsCopyNamesNoStaffMember()
    {
        var entry = Entry(CaseJournalKinds.CoordinatorAssigned, "assign-coordinator", ("coordinator", "coordinator2"), ("district", "nansha"));
        var line = In("zh-CN", () => JournalText.Text(entry, Names, showStaff: false, Text));
        Assert.Equal("区域 nansha", line);
    }

    [Theory]
    [InlineData("zh-CN", "法定时限已用 75%")]
    [InlineData("en", "75 % of the statutory time limit used")]
    public void AnSlaThresholdSaysThePercent(string culture, string expected) =>
        Assert.Equal(expected, In(culture, () => JournalText.Text(Entry(CaseJournalKinds.SlaThreshold, "sla-alert", ("percent", "75"), ("reachedAt", "2026-11-30T09:00:00.0000000+08:00")), Names, true, Text)));

    [Fact]
    public void TypedWordsStayAsTypedInEitherLanguage()
    {
        var entry = Entry(CaseJournalKinds.Withdrawn, "withdraw", ("reason", "材料需重新准备；稍后再申请"));
        Assert.Equal("材料需重新准备；稍后再申请", In("en", () => JournalText.Text(entry, Names, true, Text)));
    }

    [Fact]
    public void ALegacyEntryShowsItsLineAsRecorded()
    {
        var entry = Entry(CaseJournalKinds.Legacy, "accept") with { Summary = "受理：材料齐全" };
        Assert.Equal("受理：材料齐全", In("en", () => JournalText.Text(entry, Names, true, Text)));
    }

    [Fact]
    public void AHallTransferNamesBothHalls()
    {
        var entry = Entry(CaseJournalKinds.HallTransferred, "transfer-hall", ("part", "pickup"), ("from", "gz"), ("to", "nowhere"), ("reason", "就近领取"));
        Assert.Equal("领取证照：广州市政务服务中心 → nowhere；就近领取", In("zh-CN", () => JournalText.Text(entry, Names, true, Text)));
    }

    private static CaseJournalEntry Entry(string kind, string action, params (string Key, string Value)[] args) => new()
    {
        Sequence = 1,
        At = DateTimeOffset.UnixEpoch,
        Actor = "clerk",
        Role = "clerk",
        Action = action,
        FromStage = "acceptance",
        ToStage = "acceptance",
        Kind = kind,
        Args = args.ToDictionary(a => a.Key, a => a.Value),
    };

    private static string? In(string culture, Func<string?> render)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return render();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
