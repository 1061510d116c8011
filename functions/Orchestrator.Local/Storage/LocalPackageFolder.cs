namespace Orchestrator.Local.Storage;

/// <summary>Finds infra/local (where Azurite is pinned) from the program's folder or the working directory.</summary>
public static class LocalPackageFolder
{
    public const string EnvironmentOverride = "ORCHESTRATOR_AZURITE_PACKAGE";

    public static string Find()
    {
        var overridden = Environment.GetEnvironmentVariable(EnvironmentOverride);
        if (!string.IsNullOrEmpty(overridden)) return overridden;

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "infra", "local");
                if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
            }
        }
        throw new InvalidOperationException(
            $"Cannot find infra/local/package.json (Azurite's pinned version) above {AppContext.BaseDirectory}. " +
            $"Run from the repository, or set {EnvironmentOverride} to that folder.");
    }
}
