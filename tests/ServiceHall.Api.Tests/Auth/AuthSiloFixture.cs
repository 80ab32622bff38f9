using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// A demo-mode silo for sign-in and session tests: the test clock (so lockouts and session lifetimes pass when the
/// tests say so), small sign-in limits, one-hour tokens within two-hour sessions.
/// </summary>
public sealed class AuthSiloFixture : SiloFixture
{
    public static readonly DateTimeOffset ClockStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    public const int MaxFailuresPerUser = 3;
    public const int MaxFailuresPerAddress = 8;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(2);

    protected override IEnumerable<string> ExtraSettings =>
    [
        $"--ServiceHall:TestClock:Start={ClockStart:O}",
        $"--ServiceHall:SignInLimit:MaxFailuresPerUser={MaxFailuresPerUser}",
        $"--ServiceHall:SignInLimit:MaxFailuresPerAddress={MaxFailuresPerAddress}",
        $"--ServiceHall:SignInLimit:FailureWindow={FailureWindow:c}",
        $"--ServiceHall:SignInLimit:Lockout={Lockout:c}",
        $"--ServiceHall:Auth:TokenLifetime={TokenLifetime:c}",
        $"--ServiceHall:Auth:SessionLifetime={SessionLifetime:c}",
        // The dashboard's off switch (DashboardSwitchTests); no test of this fixture uses the dashboard.
        "--ServiceHall:Dashboard:Enabled=false",
    ];

    /// <summary>Moves the silo's clock with an admin token signed in first (an address lockout must not stop this).</summary>
    public static async Task<DateTimeOffset> AdvanceAsync(ApiClient admin, TimeSpan by)
    {
        var reply = await admin.PostAsync("/api/test-clock/advance", new { seconds = by.TotalSeconds });
        Assert.True(reply.Status == System.Net.HttpStatusCode.OK, $"advance: {reply}");
        return reply.Json["now"]!.GetValue<DateTimeOffset>();
    }

    /// <summary>Sign-in as the API does it: status, body and the Retry-After header.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonNode? Body, string? RetryAfter)> PostTokenAsync(string username, string password)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text),
            response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The sign-in and session classes share one silo and its clock, one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AuthApiCollection : ICollectionFixture<AuthSiloFixture>
{
    public const string Name = "auth-api";
}
