using Xunit;

namespace ServiceHall.TestSupport;

/// <summary>
/// What to do when a test's prerequisite (a PostgreSQL server, a browser) is missing: skip on a developer's machine,
/// fail under CI=true, where a skip would hide a broken install step.
/// </summary>
public static class Prerequisites
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(bool present, string what)
    {
        if (present)
        {
            return;
        }

        var message = $"{what} is missing; ./test.sh installs it with apt-get.";
        if (IsCi)
        {
            throw new InvalidOperationException($"CI=true: {message}");
        }

        Skip.If(true, message);
    }
}
