using ServiceHall.Workflows.Activities.ServiceHall;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Scenarios;

/// <summary>
/// Issue 21: a case whose required materials are missing is not accepted as complete. The clerk sends the one-time
/// correction notice, records the materials as handed in at the counter, or accepts explicitly with them listed.
/// </summary>
public sealed class AcceptanceCompletenessTests
{
    private static readonly object Input = new
    {
        hall = Staff.TianheHall,
        department = Staff.MarketRegulation,
        timeLimitDays = 15,
        missingMaterials = new[] { "change-resolution", "amended-articles" },
    };

    private static CaseDriver Open() => CaseDriver.StartShipped(ShippedDefinitions.StandardCaseId, Input);

    [Fact]
    public void TheAcceptanceStepListsWhatIsMissing()
    {
        var step = Open().Step("accept");

        Assert.Equal(["change-resolution", "amended-articles"], step.Data[AcceptanceActivity.MissingMaterials]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public void AcceptingWithMaterialsMissingIsRefusedNamingMaterials()
    {
        var driver = Open();

        var error = Assert.IsType<InvalidPayload>(driver.Refused(ActionNames.Accept, Staff.Clerk(), new { comment = "材料齐全" }));

        Assert.Equal("materials", error.Field);
        Assert.Contains("change-resolution", error.Problem, StringComparison.Ordinal);
        Assert.Contains("amended-articles", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExplicitAcceptanceWithDeficienciesPutsThemOnTheReceipt()
    {
        var driver = Open();

        driver.Act(ActionNames.Accept, Staff.Clerk(), new
        {
            acceptWithDeficiencies = true,
            materials = new[] { new { code = "change-resolution", form = "original" } },
        });

        var receipt = Assert.Single(driver.Documents(DocumentKinds.Receipt)).Data;
        Assert.Equal(["amended-articles"], receipt[AcceptanceActivity.MissingMaterials]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["change-resolution"], receipt["suppliedMaterials"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(BoardStage.FormalReview, driver.State.Stage);
    }

    [Fact]
    public void MaterialsHandedInAtTheCounterMakeTheCaseComplete()
    {
        var driver = Open();

        driver.Act(ActionNames.Accept, Staff.Clerk(), new
        {
            materials = new[] { new { code = "change-resolution", form = "original" }, new { code = "amended-articles", form = "copy" } },
        });

        Assert.Empty(Assert.Single(driver.Documents(DocumentKinds.Receipt)).Data[AcceptanceActivity.MissingMaterials]!.AsArray());
    }

    [Fact]
    public void AfterACorrectionNoticeNamingEachMissingMaterialTheCaseIsAcceptedAsComplete()
    {
        var driver = Open();
        driver.Act(ActionNames.RequestCorrection, Staff.Clerk(), new
        {
            deficiencies = new[]
            {
                new { materialCode = "change-resolution", problem = "缺少" },
                new { materialCode = "amended-articles", problem = "缺少" },
            },
        });
        driver.Resubmit();

        Assert.Empty(driver.Step("accept").Data[AcceptanceActivity.MissingMaterials]!.AsArray());
        driver.Act(ActionNames.Accept, Staff.Clerk());
        var receipt = Assert.Single(driver.Documents(DocumentKinds.Receipt)).Data;
        Assert.Empty(receipt[AcceptanceActivity.MissingMaterials]!.AsArray());
        Assert.Equal(2, receipt["suppliedMaterials"]!.AsArray().Count);
    }

    [Fact]
    public void ACorrectionNoticeForOneMaterialLeavesTheOtherMissing()
    {
        var driver = Open();
        driver.Act(ActionNames.RequestCorrection, Staff.Clerk(), new { deficiencies = new[] { new { materialCode = "change-resolution", problem = "缺少" } } });
        driver.Resubmit();

        var error = Assert.IsType<InvalidPayload>(driver.Refused(ActionNames.Accept, Staff.Clerk()));
        Assert.Contains("amended-articles", error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("change-resolution", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFlagMustBeABoolean()
    {
        var error = Assert.IsType<InvalidPayload>(Open().Refused(ActionNames.Accept, Staff.Clerk(), new { acceptWithDeficiencies = "yes" }));

        Assert.Equal(AcceptanceActivity.AcceptWithDeficiencies, error.Field);
    }
}
