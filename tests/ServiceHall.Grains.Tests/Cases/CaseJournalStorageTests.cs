using System.Text.Json;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>Journal entries stored before kinds existed still read; new ones store kind, args and structured steps.</summary>
public sealed class CaseJournalStorageTests
{
    [Fact]
    public void AnEntryStoredAsASentenceReadsAsLegacyWithItsStepsStructured()
    {
        const string stored = """
            {"sequence":2,"at":"2026-11-28T02:00:00+00:00","actor":"clerk","role":"clerk","action":"accept",
             "fromStage":"acceptance","toStage":"formal-review","summary":"受理：材料齐全",
             "steps":["StepClosed: 窗口受理 Acceptance","Completed: 窗口受理 Acceptance → Accepted,Logged","StepOpened: 形式审查"]}
            """;
        var entry = JsonSerializer.Deserialize<CaseJournalEntry>(stored, StableJsonGrainStorageSerializer.Options)!;

        Assert.Equal((CaseJournalKinds.Legacy, "受理：材料齐全"), (entry.Kind, entry.Summary));
        Assert.Empty(entry.Args);
        Assert.Equal(
            [("StepClosed", "窗口受理 Acceptance", ""), ("Completed", "窗口受理 Acceptance", "Accepted|Logged"), ("StepOpened", "形式审查", "")],
            entry.Steps.Select(s => (s.Event, s.Activity, string.Join("|", s.Outcomes))).ToList());
    }

    [Fact]
    public void AStructuredEntryRoundTripsWithoutASummary()
    {
        var entry = new CaseJournalEntry
        {
            Sequence = 1, At = DateTimeOffset.UnixEpoch, Actor = "clerk", Role = "clerk", Action = "open", FromStage = "none", ToStage = "acceptance",
            Kind = CaseJournalKinds.Opened,
            Args = new Dictionary<string, string> { ["item"] = "GZ-SCJG-002", ["missingMaterials"] = "0" },
            Steps = [new CaseJournalStep("Completed", "受理", ["Accepted"])],
        };

        var json = JsonSerializer.Serialize(entry, StableJsonGrainStorageSerializer.Options);
        var back = JsonSerializer.Deserialize<CaseJournalEntry>(json, StableJsonGrainStorageSerializer.Options)!;

        Assert.Null(back.Summary);
        Assert.Equal((entry.Kind, "GZ-SCJG-002", "0"), (back.Kind, back.Args["item"], back.Args["missingMaterials"]));
        Assert.Equal(("Completed", "受理", "Accepted"), (back.Steps[0].Event, back.Steps[0].Activity, Assert.Single(back.Steps[0].Outcomes)));
        Assert.Contains("\"outcomes\":[\"Accepted\"]", json);
    }

    [Fact]
    public void TheApplicantsArgsNameNoStaffAndNoFullAddress()
    {
        var args = new Dictionary<string, string>
        {
            ["reviewer"] = "reviewer3", ["coordinator"] = "coordinator2", ["department"] = "market-regulation",
            ["comment"] = "请联系gz2补签", ["address"] = "广州市天河区天河路385号", ["message"] = "gz2",
        };

        var redacted = ApplicantRedaction.Args(args, new HashSet<string>(["gz2", "reviewer3", "coordinator2"], StringComparer.OrdinalIgnoreCase));

        Assert.Equal(
            new Dictionary<string, string> { ["department"] = "market-regulation", ["comment"] = "请联系工作人员补签", ["address"] = "广州市天河区****" },
            redacted);
    }
}
