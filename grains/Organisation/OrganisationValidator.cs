using ServiceHall.Grains.Catalog;

namespace ServiceHall.Grains.Organisation;

/// <summary>
/// Checks halls and staff before the directory is built, so a misconfigured hall or account stops the silo at start
/// instead of surfacing as a 403 at a window on the day.
/// </summary>
internal static class OrganisationValidator
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<Hall> halls, IReadOnlyList<StaffAccount> staff)
    {
        var problems = new List<string>();
        var hallsByCode = new Dictionary<string, Hall>(StringComparer.OrdinalIgnoreCase);
        foreach (var hall in halls)
        {
            if (string.IsNullOrWhiteSpace(hall.Code))
            {
                problems.Add("A hall has no code.");
            }
            else if (!hallsByCode.TryAdd(hall.Code, hall))
            {
                problems.Add($"Hall '{hall.Code}' is listed twice.");
            }

            problems.AddRange(WindowProblems(hall));
        }

        var usernames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in staff)
        {
            if (string.IsNullOrWhiteSpace(account.Username))
            {
                problems.Add("A staff account has no username.");
                continue;
            }

            if (!usernames.Add(account.Username))
            {
                problems.Add($"Staff account '{account.Username}' is listed twice.");
            }

            problems.AddRange(ScopeProblems(account, hallsByCode));
        }

        return problems;
    }

    private static IEnumerable<string> WindowProblems(Hall hall)
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var window in hall.Windows)
        {
            var name = $"Window '{window.Code}' of hall '{hall.Code}'";
            if (string.IsNullOrWhiteSpace(window.Code))
            {
                yield return $"A window of hall '{hall.Code}' has no code.";
            }
            else if (!codes.Add(window.Code))
            {
                yield return $"{name} is listed twice.";
            }

            // Online applications arrive without a counter, so no window serves that channel.
            if (window.Channel == ServiceChannels.Online || !ServiceChannels.All.Contains(window.Channel))
            {
                yield return $"{name} has channel '{window.Channel}', which no window can serve.";
            }

            if (window.Channel == ServiceChannels.CrossCity && string.IsNullOrWhiteSpace(window.PartnerCity))
            {
                yield return $"{name} is a cross-city window without a partner city.";
            }
        }
    }

    private static IEnumerable<string> ScopeProblems(StaffAccount account, Dictionary<string, Hall> halls)
    {
        var name = $"Staff account '{account.Username}'";
        if (!StaffRoles.All.Contains(account.Role))
        {
            yield return $"{name} has role '{account.Role}'; roles are {string.Join(", ", StaffRoles.All)}.";
        }

        if (account.Role is StaffRoles.Clerk or StaffRoles.Manager)
        {
            if (account.Hall is null || !halls.TryGetValue(account.Hall, out var hall))
            {
                yield return $"{name} ({account.Role}) needs a known hall, not '{account.Hall}'.";
            }
            else if (account.Window is not null
                && !hall.Windows.Any(w => string.Equals(w.Code, account.Window, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{name} names window '{account.Window}', which hall '{hall.Code}' does not have.";
            }
        }

        if (account.Role == StaffRoles.Reviewer
            && (account.Department is null || !CatalogSeed.DepartmentCodes.Contains(account.Department)))
        {
            yield return $"{name} (reviewer) needs a known department, not '{account.Department}'.";
        }

        if (account.Role == StaffRoles.Coordinator && string.IsNullOrWhiteSpace(account.District))
        {
            yield return $"{name} (coordinator) needs a district.";
        }
    }
}
