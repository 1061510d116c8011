namespace Orchestrator.Infra.Tests;

/// <summary>Paths in the repository the tests run from (found by walking up to Orchestrator.sln).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    public static string SampleSettings => Path.Combine(Root, "local.settings.sample.json");

    public static string DeploymentDoc => Path.Combine(Root, "docs", "deployment.md");

    /// <summary>Every .bicep file under infra/ except infra/local (another engineer's Azurite setup).</summary>
    public static IEnumerable<string> BicepFiles(string extension) =>
        Directory.EnumerateFiles(Infra, "*" + extension, SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Infra, f).StartsWith("local" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Orchestrator.sln not found above {AppContext.BaseDirectory}.");
    }
}
