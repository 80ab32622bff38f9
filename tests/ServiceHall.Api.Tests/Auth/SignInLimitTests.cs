using System.Net;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// Issue 18, finding 3: guessing passwords is braked per username and per client address, on the API and the form,
/// with 429 and Retry-After; only failures count, and the right password resets the username's count. Each test
/// uses its own demo user and ends by moving the clock past the failure window, so the next starts clean.
/// </summary>
[Collection(AuthApiCollection.Name)]
public sealed class SignInLimitTests(AuthSiloFixture silo) : IAsyncLifetime
{
    private readonly ApiClient _admin = new(silo.BaseUrl);

    public async Task InitializeAsync() => await _admin.SignInAsync("admin");

    public async Task DisposeAsync()
    {
        // Forget this test's failures, the address's included: both windows pass.
        await AuthSiloFixture.AdvanceAsync(_admin, AuthSiloFixture.FailureWindow + AuthSiloFixture.Lockout);
        _admin.Dispose();
    }

    [Fact]
    public async Task WrongPasswordsForOneUsernameLockItWith429AndRetryAfterUntilTheLockoutEnds()
    {
        for (var attempt = 1; attempt < AuthSiloFixture.MaxFailuresPerUser; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await silo.PostTokenAsync("reviewer2", $"guess-{attempt}")).Status);
        }

        var locked = await silo.PostTokenAsync("reviewer2", "guess-last");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        Assert.Equal("password", locked.Body?["field"]?.GetValue<string>());
        Assert.Equal(AuthSiloFixture.Lockout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), locked.RetryAfter);

        // While locked even the right password is refused, so guessing on cannot confirm a hit.
        var right = await silo.PostTokenAsync("reviewer2", ApiClient.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.Status);
        Assert.NotNull(right.RetryAfter);

        await AuthSiloFixture.AdvanceAsync(_admin, AuthSiloFixture.Lockout + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await silo.PostTokenAsync("reviewer2", ApiClient.DemoPassword)).Status);
    }

    [Fact]
    public async Task TheSignInFormIsBrakedLikeTheApi()
    {
        using var browser = new WebSignIn(silo.BaseUrl);
        for (var attempt = 1; attempt < AuthSiloFixture.MaxFailuresPerUser; attempt++)
        {
            using var wrong = await browser.PostLoginAsync("designer", $"guess-{attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await browser.PostLoginAsync("designer", "guess-last");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter?.Delta);
        Assert.Contains("登录失败次数过多", await locked.Content.ReadAsStringAsync());
        using var right = await browser.PostLoginAsync("designer", ApiClient.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Null(browser.SessionToken);

        // The form and the API count together: the API is locked for this username as well.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await silo.PostTokenAsync("designer", ApiClient.DemoPassword)).Status);
    }

    [Fact]
    public async Task WrongPasswordsSpreadOverManyUsernamesLockTheAddress()
    {
        // One wrong try each, never reaching the per-user limit: only the address's count can stop this.
        for (var user = 1; user < AuthSiloFixture.MaxFailuresPerAddress; user++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await silo.PostTokenAsync($"nobody-{user}", "guess")).Status);
        }

        var locked = await silo.PostTokenAsync("nobody-last", "guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        Assert.NotNull(locked.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await silo.PostTokenAsync("coordinator2", ApiClient.DemoPassword)).Status);

        await AuthSiloFixture.AdvanceAsync(_admin, AuthSiloFixture.Lockout + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await silo.PostTokenAsync("coordinator2", ApiClient.DemoPassword)).Status);
    }

    [Fact]
    public async Task ARightPasswordClearsTheUsernamesCountSoStaffAreNotLockedByTypos()
    {
        for (var round = 0; round < 3; round++)
        {
            for (var attempt = 1; attempt < AuthSiloFixture.MaxFailuresPerUser; attempt++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await silo.PostTokenAsync("manager", "typo")).Status);
            }

            Assert.Equal(HttpStatusCode.OK, (await silo.PostTokenAsync("manager", ApiClient.DemoPassword)).Status);
        }
    }
}
