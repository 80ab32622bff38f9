using System.Text.RegularExpressions;

namespace ServiceHall.Api.Tests;

/// <summary>One row of the README's demo-account table: who, in which role, with which scope.</summary>
public sealed record DemoAccount(string Username, string Role, string? Hall, string? Window, string? Department, string? District);

/// <summary>
/// Reads the README's demo-account table, so the tests that walk the demo hall use exactly the accounts a new user is
/// told about: a row the silo does not know fails the sign-in, a scope the table misstates fails the walk.
/// </summary>
public static partial class DemoAccounts
{
    private const string Marker = "<!-- demo-accounts";

    public static IReadOnlyList<DemoAccount> FromReadme()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException($"README.md has no '{Marker}' table.");
        }

        // Marker, header row, separator row, then the rows up to the first line that is not a table row.
        return lines.Skip(start + 3).TakeWhile(l => l.StartsWith('|')).Select(Parse).ToList();
    }

    private static DemoAccount Parse(string row)
    {
        var cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        var username = Code().Match(cells[0]).Groups[1].Value;
        var role = cells[1];
        var codes = Code().Matches(cells[2]).Select(m => m.Groups[1].Value).ToArray();
        return role switch
        {
            "clerk" => new DemoAccount(username, role, codes[0], codes[1], null, null),
            "manager" => new DemoAccount(username, role, codes[0], null, null, null),
            "reviewer" => new DemoAccount(username, role, null, null, codes[0], null),
            "coordinator" => new DemoAccount(username, role, null, null, null, codes[0]),
            _ => new DemoAccount(username, role, null, null, null, null),
        };
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
