using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Notifications;

namespace ServiceHall.Api.Operations;

/// <summary><c>GET /api/outbox</c>: the text messages the hall has "sent" while no SMS provider is configured (admin).</summary>
public static class OutboxApi
{
    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/outbox", GetOutbox)
            .WithTags("Operations").WithName("GetOutbox").WithSummary("Messages delivered to the outbox gateway, newest first.")
            .Produces<IReadOnlyList<DeliveredSms>>()
            .RequireAuthorization(AuthExtensions.AdminPolicy);
        return endpoints;
    }

    public static async Task<IResult> GetOutbox(IGrainFactory grains, int? take, string? caseId)
    {
        if (take is < 1 or > 2000)
        {
            return Problems.BadRequest(FieldError.Of("take", ErrorCodes.FieldRange, "take is between 1 and 2000.", ("min", 1), ("max", 2000)));
        }

        return TypedResults.Ok(await ReadAsync(grains, take ?? 200, caseId));
    }

    /// <summary>The newest <paramref name="take"/> messages of every ledger shard (of one case when named), newest first.</summary>
    public static async Task<IReadOnlyList<DeliveredSms>> ReadAsync(IGrainFactory grains, int take, string? caseId)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, ISmsLedgerGrain.Shards)
            .Select(shard => grains.GetGrain<ISmsLedgerGrain>(ISmsLedgerGrain.ShardKey(shard)).ListAsync(2000)));
        return shards.SelectMany(s => s)
            .Where(m => caseId is null || m.Message.CaseId == caseId)
            .OrderByDescending(m => m.DeliveredAt)
            .Take(take)
            .ToList();
    }
}
