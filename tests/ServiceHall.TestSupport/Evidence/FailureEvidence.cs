using System.Collections.Concurrent;
using System.Text;

namespace ServiceHall.TestSupport;

/// <summary>
/// What a failed test leaves behind for whoever reads the CI run: the last log lines of every silo process that was
/// running when it failed (artifacts/test-evidence/failures/{test}.txt, printed by test.sh) and, for browser tests, each
/// page's screenshot and log (artifacts/test-evidence/browser/{test}/, removed again when the test passed).
/// </summary>
public static class FailureEvidence
{
    public const int SiloLinesKept = 80;

    private static readonly ConcurrentDictionary<SiloProcess, string> RunningSilos = new();

    public static string Root { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "test-evidence");

    public static string BrowserFolder(string testName) => Path.Combine(Root, "browser", SafeName(testName));

    internal static void Started(SiloProcess silo) => RunningSilos[silo] = silo.BaseUrl;

    internal static void Stopped(SiloProcess silo) => RunningSilos.TryRemove(silo, out _);

    /// <summary>Called by <see cref="EvidenceTestFramework"/> for each failed test.</summary>
    internal static void TestFailed(string testName, IEnumerable<string> messages)
    {
        var text = new StringBuilder()
            .AppendLine($"FAILED {testName}")
            .AppendLine($"test seed: {TestRandom.Seed} (set SERVICEHALL_TEST_SEED to repeat it)");
        foreach (var message in messages)
        {
            text.AppendLine(message);
        }

        foreach (var silo in RunningSilos.Keys)
        {
            var lines = silo.Output.Split('\n');
            text.AppendLine()
                .AppendLine($"--- last {Math.Min(SiloLinesKept, lines.Length)} lines of the silo at {silo.BaseUrl} (pid {silo.ProcessId}) ---")
                .AppendJoin('\n', lines.TakeLast(SiloLinesKept)).AppendLine();
        }

        var folder = Path.Combine(Root, "failures");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, SafeName(testName) + ".txt"), text.ToString());
    }

    /// <summary>A passed or skipped test needs no evidence: its browser folder goes, so CI keeps the failures' only.</summary>
    internal static void TestSucceeded(string testName)
    {
        var folder = BrowserFolder(testName);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string SafeName(string testName)
    {
        var name = new string([.. testName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return name.Length <= 150 ? name : name[..110] + "_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16];
    }
}
