using System.Text.RegularExpressions;
using ServiceHall.Grains.Applications;
using ServiceHall.Grains.Tests.Cases;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests.Applications;

/// <summary>
/// Phone verification on the fake clock: codes expire, resends wait, the hourly allowance refills, wrong tries lock
/// the phone until the lockout ends, and the limits survive a silo restart (the state is durable).
/// </summary>
public sealed partial class PhoneVerificationTests(CaseClusterFixture fixture) : IClassFixture<CaseClusterFixture>
{
    private static readonly PhoneVerificationOptions Defaults = new();

    [Fact]
    public async Task ACodeWorksUntilItExpiresAndIsUsedUpByConsume()
    {
        var phone = NewPhone();
        var grain = Grain(phone);
        Assert.Equal(VerificationOutcome.Sent, (await grain.SendCodeAsync()).Outcome);
        var code = LastCode(phone);

        Assert.Equal(VerificationOutcome.Verified, (await grain.ReserveAsync(code, "k1")).Outcome);
        Assert.Equal(VerificationOutcome.Verified, (await grain.ReserveAsync(code, "k1")).Outcome);
        await grain.ConsumeAsync("k1");
        Assert.Equal(VerificationOutcome.Wrong, (await grain.ReserveAsync(code, "k2")).Outcome);
        // The used code still proves the submission it was used for (a retry), and nothing else.
        Assert.Equal(VerificationOutcome.Verified, (await grain.ReserveAsync(code, "k1")).Outcome);

        fixture.Clock.Advance(Defaults.ResendInterval);
        Assert.Equal(VerificationOutcome.Sent, (await grain.SendCodeAsync()).Outcome);
        var second = LastCode(phone);
        fixture.Clock.Advance(Defaults.CodeLifetime);
        Assert.Equal(VerificationOutcome.Wrong, (await grain.ReserveAsync(second, "k3")).Outcome);
    }

    [Fact]
    public async Task ResendsWaitTheIntervalAndTheHourlyAllowanceRefills()
    {
        var grain = Grain(NewPhone());
        Assert.Equal(VerificationOutcome.Sent, (await grain.SendCodeAsync()).Outcome);
        var tooSoon = await grain.SendCodeAsync();
        Assert.Equal((VerificationOutcome.TooMany, (TimeSpan?)Defaults.ResendInterval), (tooSoon.Outcome, tooSoon.RetryAfter));

        for (var i = 1; i < Defaults.MaxSendsPerWindow; i++)
        {
            fixture.Clock.Advance(Defaults.ResendInterval);
            Assert.Equal(VerificationOutcome.Sent, (await grain.SendCodeAsync()).Outcome);
        }

        fixture.Clock.Advance(Defaults.ResendInterval);
        var exhausted = await grain.SendCodeAsync();
        Assert.Equal(VerificationOutcome.TooMany, exhausted.Outcome);
        var sinceFirst = Defaults.ResendInterval * Defaults.MaxSendsPerWindow;
        Assert.Equal((TimeSpan?)(Defaults.SendWindow - sinceFirst), exhausted.RetryAfter);

        fixture.Clock.Advance(exhausted.RetryAfter!.Value);
        Assert.Equal(VerificationOutcome.Sent, (await grain.SendCodeAsync()).Outcome);
    }

    [Fact]
    public async Task WrongCodesLockThePhoneAcrossARestartUntilTheLockoutEnds()
    {
        var phone = NewPhone();
        Assert.Equal(VerificationOutcome.Sent, (await Grain(phone).SendCodeAsync()).Outcome);
        var code = LastCode(phone);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = Defaults.MaxWrongAttempts - 1; i >= 0; i--)
        {
            var answer = await Grain(phone).ReserveAsync(wrong, "k");
            Assert.Equal((VerificationOutcome.Wrong, i), (answer.Outcome, answer.AttemptsLeft));
        }

        await fixture.RestartAsync();
        var locked = await Grain(phone).ReserveAsync(code, "k");
        Assert.Equal((VerificationOutcome.TooMany, (TimeSpan?)Defaults.Lockout), (locked.Outcome, locked.RetryAfter));
        Assert.Equal(VerificationOutcome.TooMany, (await Grain(phone).SendCodeAsync()).Outcome);

        fixture.Clock.Advance(Defaults.Lockout);
        // The burnt code stays burnt; a new one works.
        Assert.Equal(VerificationOutcome.Wrong, (await Grain(phone).ReserveAsync(code, "k")).Outcome);
        Assert.Equal(VerificationOutcome.Sent, (await Grain(phone).SendCodeAsync()).Outcome);
        Assert.Equal(VerificationOutcome.Verified, (await Grain(phone).ReserveAsync(LastCode(phone), "k")).Outcome);
    }

    [Fact]
    public async Task OneCodeProvesOneSubmissionAtATimeAndIsGivenBackOnRefusal()
    {
        var phone = NewPhone();
        var grain = Grain(phone);
        await grain.SendCodeAsync();
        var code = LastCode(phone);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => grain.ReserveAsync(code, "key-" + i)));
        Assert.Single(answers, a => a.Outcome == VerificationOutcome.Verified);
        var holder = "key-" + Array.FindIndex(answers, a => a.Outcome == VerificationOutcome.Verified);

        // Holding the right code is not a wrong try: nobody is locked out by a concurrent double submit.
        Assert.Equal(Defaults.MaxWrongAttempts, answers.First(a => a.Outcome == VerificationOutcome.Wrong).AttemptsLeft);

        await grain.ReleaseAsync(holder);
        Assert.Equal(VerificationOutcome.Verified, (await grain.ReserveAsync(code, "other")).Outcome);
        await grain.ConsumeAsync("other");
        Assert.Equal(VerificationOutcome.Wrong, (await grain.ReserveAsync(code, holder)).Outcome);
    }

    [Fact]
    public async Task ANewCodeDoesNotBuyMoreGuessesButOldFailuresAgeOut()
    {
        var phone = NewPhone();
        var grain = Grain(phone);
        for (var i = 0; i < Defaults.MaxWrongAttempts - 1; i++)
        {
            await grain.SendCodeAsync();
            var code = LastCode(phone);
            var answer = await grain.ReserveAsync(code == "000000" ? "111111" : "000000", "k");
            Assert.Equal((VerificationOutcome.Wrong, Defaults.MaxWrongAttempts - 1 - i), (answer.Outcome, answer.AttemptsLeft));
            fixture.Clock.Advance(Defaults.ResendInterval);
        }

        await grain.SendCodeAsync();
        var last = LastCode(phone);
        var locking = await grain.ReserveAsync(last == "000000" ? "111111" : "000000", "k");
        Assert.Equal((VerificationOutcome.Wrong, 0), (locking.Outcome, locking.AttemptsLeft));
        Assert.Equal(VerificationOutcome.TooMany, (await grain.ReserveAsync(last, "k")).Outcome);

        var fresh = NewPhone();
        var other = Grain(fresh);
        await other.SendCodeAsync();
        var right = LastCode(fresh);
        await other.ReserveAsync(right == "000000" ? "111111" : "000000", "k");
        fixture.Clock.Advance(Defaults.FailureWindow);
        var afterWindow = await other.ReserveAsync(right == "000000" ? "111111" : "000000", "k");
        Assert.Equal(Defaults.MaxWrongAttempts - 1, afterWindow.AttemptsLeft);
    }

    private IPhoneVerificationGrain Grain(string phone) => fixture.Cluster.Client.GetGrain<IPhoneVerificationGrain>(phone);

    private string LastCode(string phone) =>
        SixDigits().Match(fixture.Sms.Delivered.Values.Where(m => m.To == phone).OrderBy(m => m.Id.Length).ThenBy(m => m.Id, StringComparer.Ordinal).Last().Text).Value;

    private static string NewPhone() => "139" + TestRandom.Next(10_000_000, 99_999_999);

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();
}
