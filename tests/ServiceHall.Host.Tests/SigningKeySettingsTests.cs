using ServiceHall.TestSupport;

namespace ServiceHall.Host.Tests;

/// <summary>
/// Both signing keys (staff tokens, electronic certificates) come from one mechanism: a configured or kept key that
/// cannot be read stops the silo at start with a message naming the key and where it came from, never a silent new key.
/// </summary>
public sealed class SigningKeySettingsTests
{
    [Theory]
    [InlineData("--ServiceHall:Auth:SigningKey=c2hvcnQ=", "The token-signing key from ServiceHall:Auth:SigningKey is unusable")]
    [InlineData("--ServiceHall:Certificates:SigningKey=bm90IGEga2V5", "The certificate-signing key from ServiceHall:Certificates:SigningKey is unusable")]
    [InlineData("--ServiceHall:Storage:Mode=Postgres", "PostgreSQL mode needs ServiceHall:Auth:SigningKey")]
    public async Task AnUnusableOrMissingConfiguredKeyStopsTheSiloNamingTheSetting(string setting, string message)
    {
        using var data = new TemporaryFolder("servicehall-keys");
        var output = await StartExpectingRefusalAsync(data.Path, setting);
        Assert.Contains(message, output);
    }

    [Theory]
    [InlineData("token-signing.key", "token-signing")]
    [InlineData("certificate-signing.pem", "certificate-signing")]
    public async Task ADamagedKeptKeyStopsTheSiloNamingTheFile(string fileName, string purpose)
    {
        using var data = new TemporaryFolder("servicehall-keys");
        var path = Path.Combine(data.Path, "keys", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "AAAA");

        var output = await StartExpectingRefusalAsync(data.Path);
        Assert.Contains($"The {purpose} key from {path} is unusable", output);
        Assert.Equal("AAAA", await File.ReadAllTextAsync(path));
    }

    private static async Task<string> StartExpectingRefusalAsync(string dataFolder, params string[] extra)
    {
        await using var silo = SiloProcess.StartBuilt(FreePort.Next(),
        [
            $"--ServiceHall:DataFolder={dataFolder}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            .. extra,
        ]);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.True(exitCode != 0, silo.Output);
        return silo.Output;
    }
}
