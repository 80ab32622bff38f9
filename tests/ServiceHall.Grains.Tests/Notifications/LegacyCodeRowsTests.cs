using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using ServiceHall.Grains.Applications;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Tests.Cases;

namespace ServiceHall.Grains.Tests.Notifications;

/// <summary>
/// Rows written before verification codes were kept as keyed digests: the outbox ledger's plain code and the
/// verification ledger's plain SHA-256 hash are gone after the first activation, not left to age out.
/// </summary>
public sealed class LegacyCodeRowsTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task AnOutboxRowWithAPlainCodeIsMaskedWhenItsLedgerWakes()
    {
        const string key = "sms-ledger-legacy";
        await WriteAsync("sms-ledger", key, new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject
            {
                ["message"] = new JsonObject
                {
                    ["id"] = "verification:13900001111:1", ["to"] = "13900001111", ["caseId"] = "", ["template"] = SmsTexts.VerificationTemplate,
                    ["text"] = SmsTexts.VerificationCode("482913", 10), ["createdAt"] = "2025-03-01T01:00:00+00:00",
                },
                ["deliveredAt"] = "2025-03-01T01:00:00+00:00",
            }),
        });

        var listed = await cluster.Cluster.Client.GetGrain<ISmsLedgerGrain>(key).ListAsync(10);
        Assert.Contains("******", Assert.Single(listed).Message.Text);
        Assert.DoesNotContain("482913", await ReadAsync("sms-ledger", key));
    }

    [Fact]
    public async Task AVerificationRowWithAPlainHashDropsIt()
    {
        const string phone = "13900002222";
        var plainHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(phone + "\n" + "123456")));
        await WriteAsync("phone-verification", phone, new JsonObject
        {
            ["codeDigest"] = plainHash,
            ["codeExpiresAt"] = cluster.Clock.GetUtcNow().AddMinutes(5).ToString("O"),
            ["proved"] = new JsonArray(new JsonObject { ["claim"] = "k", ["codeDigest"] = plainHash }),
        });

        var answer = await cluster.Cluster.Client.GetGrain<IPhoneVerificationGrain>(phone).ReserveAsync("123456", "k");
        Assert.Equal(VerificationOutcome.Wrong, answer.Outcome);
        Assert.DoesNotContain(plainHash, await ReadAsync("phone-verification", phone));
    }

    private IGrainStorage Storage => cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);

    private Task WriteAsync(string stateName, string key, JsonObject payload) =>
        Storage.WriteStateAsync(stateName, GrainId.Create(stateName, key), new GrainState<JsonObject>(payload));

    private async Task<string> ReadAsync(string stateName, string key)
    {
        var state = new GrainState<JsonObject>(new JsonObject());
        await Storage.ReadStateAsync(stateName, GrainId.Create(stateName, key), state);
        Assert.True(state.RecordExists);
        return state.State!.ToJsonString();
    }
}
