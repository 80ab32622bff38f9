using System.Reflection;

namespace ServiceHall.TestSupport;

/// <summary>Locates the checkout and the silo build that matches the running test build.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, whichever this test assembly was built as.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string SiloAssembly { get; } =
        Path.Combine(Root, "silo", "bin", Configuration, "net10.0", "ServiceHall.Silo.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ServiceHall.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ServiceHall.sln above {AppContext.BaseDirectory}.");
    }
}
