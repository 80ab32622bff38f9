namespace ServiceHall.Api.Tests;

/// <summary>
/// An embedded silo with small upload limits (so an oversized scan is cheap to send) and a tight wrong-code limit;
/// the other phone-verification limits stay at their defaults.
/// </summary>
public sealed class OnlineSiloFixture : SiloFixture
{
    public const int MaxFileBytes = 64 * 1024;
    public const int MaxWrongAttempts = 3;

    protected override IEnumerable<string> ExtraSettings =>
    [
        $"--ServiceHall:Uploads:MaxFileBytes={MaxFileBytes}",
        $"--ServiceHall:Uploads:MaxCaseBytes={4 * MaxFileBytes}",
        $"--ServiceHall:PhoneVerification:MaxWrongAttempts={MaxWrongAttempts}",
    ];
}

[CollectionDefinition(Name)]
public sealed class OnlineApiCollection : ICollectionFixture<OnlineSiloFixture>
{
    public const string Name = "online-api";
}
