using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Storage;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>
/// The head writer (<see cref="CaseHeadJson"/>) writes exactly the bytes the stored options' serializer writes — on real
/// cases at every step, on states with every member set, with text that needs escaping, with members a newer build
/// wrote, and while its kept fragments are reused and replaced across a case's commands — and reads back as the same case.
/// </summary>
public sealed class CaseHeadJsonTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private static readonly JsonSerializerOptions Json = StableJsonGrainStorageSerializer.Options;
    private static readonly DateTimeOffset At = new(2026, 12, 7, 3, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task EveryStepOfARealCaseIsStoredAsTheSerializerWritesItAndReadsBack()
    {
        var store = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<ICaseStore>();
        var grain = cluster.NewCase();
        var id = grain.GetPrimaryKeyString();
        await OpenAsync(grain);
        var writer = new CaseHeadJson();
        var steps = new (CaseActor Actor, string Action, object? Payload)[]
        {
            (Clerk, ActionNames.Accept, new { comment = "材料齐全 \"原件\" <核对>" }),
            (Reviewer, ActionNames.Pass, null),
            (Reviewer, ActionNames.Approve, new { opinion = "符合条件\n同意" }),
            (Clerk, ActionNames.IssueCertificate, new { form = "paper" }),
            (Clerk, ActionNames.NotifyPickup, null),
            (Clerk, ActionNames.PickedUp, new { collector = "agent", by = "李四", idNumber = "11010519491231002X" }),
        };

        for (var step = 0; step <= steps.Length; step++)
        {
            // What the grain stored (written by its head writer) is what the serializer writes for the case read back.
            var rows = (await store.LoadAsync(id))!;
            var state = CaseRows.Read(rows);
            var serializer = CaseRows.Head(state);
            Assert.Equal(serializer, rows.Head);
            Assert.Equal(serializer, CaseRows.Head(state, writer));
            Assert.Equal(serializer, CaseRows.Head(CaseRows.Read(rows with { Head = CaseRows.Head(state, writer) })));

            if (step < steps.Length)
            {
                await ActAsync(grain, steps[step].Actor, steps[step].Action, steps[step].Payload);
            }
        }
    }

    [Fact]
    public void AStateWithEveryMemberSetAndTextToEscapeIsWrittenAsTheSerializerWritesIt()
    {
        var state = Filled("\"quoted\" \\ back\tslash\u0001 <tag> & 'apos' 中文 😀 \u2028");

        Assert.Equal(Serialized(state), new CaseHeadJson().Write(state));
        Assert.Equal(Serialized(new CaseState()), new CaseHeadJson().Write(new CaseState()));
    }

    [Fact]
    public void MembersANewerBuildWroteKeepTheirPlace()
    {
        var json = Serialized(Filled("x"));
        var node = JsonNode.Parse(json)!.AsObject();
        node["fromANewerBuild"] = new JsonObject { ["nested"] = "值 \"1\"" };
        node["applicant"]!["middleName"] = "未知";
        node["materials"]![0]!["scannedBy"] = "clerk";
        var state = JsonSerializer.Deserialize<CaseState>(node.ToJsonString(Json), Json)!;

        var written = new CaseHeadJson().Write(state);

        Assert.Equal(Serialized(state), written);
        var back = JsonNode.Parse(written)!;
        Assert.Equal("值 \"1\"", (string?)back["fromANewerBuild"]!["nested"]);
        Assert.Equal("未知", (string?)back["applicant"]!["middleName"]);

        // Unknown members inside a kept member only: the writer's fast path, and they still come out.
        var nestedOnly = JsonNode.Parse(json)!.AsObject();
        nestedOnly["applicant"]!["middleName"] = "未知";
        var nestedState = JsonSerializer.Deserialize<CaseState>(nestedOnly.ToJsonString(Json), Json)!;
        Assert.Equal(Serialized(nestedState), new CaseHeadJson().Write(nestedState));
    }

    [Fact]
    public void KeptMembersAreWrittenAgainWhenACommandReplacesOrAddsToThem()
    {
        var writer = new CaseHeadJson();
        var state = Filled("first");
        Assert.Equal(Serialized(state), writer.Write(state));

        var changes = new Action<CaseState>[]
        {
            s => s.Version++,
            s => s.Applicant = s.Applicant! with { Phone = "13900000000" },
            s => s.Materials.Add(new MaterialView("extra", "补充材料", "copy", "submitted", null)),
            s => s.Materials[0] = s.Materials[0] with { Status = "waived" },
            s => s.RecentCommands.Add(new CommandRecord("key-2", ActionNames.Pass, s.Version, "reviewer")),
            s => s.Opinions.Add(new ReviewOpinion { Department = "market-regulation", Opinion = "同意", By = "reviewer" }),
            s => s.Collection = null,
            s => s.Delivery = null,
            s => s.ReviewDepartments.Clear(),
            s => s.RoutedDepartments.Add("emergency-management"),
            s => s.Certificates.Add(new CertificateRef("C-2", "electronic", At)),
            s => s.Applicant = null,
        };

        foreach (var change in changes)
        {
            // As a command does it: a copy (new lists, the same items) changed, then written.
            var next = state.Copy();
            change(next);
            Assert.Equal(Serialized(next), writer.Write(next));

            // And a list changed in place after it was written (no command does this; the writer must not care).
            next.Materials.Add(new MaterialView("late", "后补", null, "missing", null));
            Assert.Equal(Serialized(next), writer.Write(next));
            state = next;
        }
    }

    // The head as the serializer writes it: the reference the writer must match byte for byte.
    private static string Serialized(CaseState state) => JsonSerializer.Serialize(state, Json);

    /// <summary>Every settable member given a value that is not its default; text members get <paramref name="text"/>.</summary>
    private static CaseState Filled(string text)
    {
        var state = new CaseState
        {
            Applicant = new ApplicantDetails { Name = "张三" + text, IdNumber = "11010519491231002X", Phone = "13800138000", Organization = text },
            Delivery = new DeliveryChoice { Method = "ems", Address = text },
            Collection = new CertificateCollection { Collector = "agent", Name = text, IdType = "resident", IdNumber = "1101**********002X", At = At },
            Materials = [new MaterialView("application-form", "申请书" + text, "original", "submitted", null), new MaterialView("licence", "执照", "e-licence", "e-licence", "91440101MA59XXXX1K")],
            Opinions = [new ReviewOpinion { Department = "market-regulation", Opinion = text, By = "reviewer" }],
            Certificates = [new CertificateRef("C-1", "paper", At)],
            RecentCommands = [new CommandRecord("key-1", ActionNames.Accept, 2, "clerk")],
            ReviewDepartments = ["market-regulation", text],
            RoutedDepartments = ["emergency-management"],
        };

        var seed = 1;
        foreach (var property in typeof(CaseState).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            seed++;
            object? value = property.PropertyType switch
            {
                var t when t == typeof(string) => $"{property.Name}:{text}",
                var t when t == typeof(int) => seed,
                var t when t == typeof(long) => seed * 1_000_000_007L,
                var t when t == typeof(bool) => true,
                var t when t == typeof(DateTimeOffset) || t == typeof(DateTimeOffset?) => At.AddTicks(seed * 1_234_567),
                _ => null,
            };
            if (value is not null)
            {
                property.SetValue(state, value);
            }
        }

        return state;
    }
}
