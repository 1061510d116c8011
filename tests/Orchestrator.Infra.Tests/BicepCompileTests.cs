namespace Orchestrator.Infra.Tests;

/// <summary>
/// CI gate for infra/: every Bicep file compiles and lints with zero errors and zero warnings
/// under infra/bicepconfig.json, offline.
/// </summary>
public sealed class BicepCompileTests
{
    public static TheoryData<string> BicepFiles => new(RepoPaths.BicepFiles(".bicep").Select(RepoPaths.Relative));

    public static TheoryData<string> ParamFiles => new(RepoPaths.BicepFiles(".bicepparam").Select(RepoPaths.Relative));

    [Fact]
    public void Infra_has_main_template_modules_and_a_dev_parameters_file()
    {
        var files = RepoPaths.BicepFiles(".bicep").Concat(RepoPaths.BicepFiles(".bicepparam")).Select(RepoPaths.Relative).ToList();

        Assert.Contains("infra/main.bicep", files);
        Assert.Contains("infra/main.dev.bicepparam", files);
        foreach (var module in new[] { "identity", "storage", "monitoring", "keyvault", "functionapp" })
        {
            Assert.Contains($"infra/modules/{module}.bicep", files);
        }

        Assert.True(File.Exists(Path.Combine(RepoPaths.Infra, "bicepconfig.json")), "infra/bicepconfig.json is missing");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Bicep_file_builds_without_any_diagnostic(string file)
    {
        var outDir = Directory.CreateTempSubdirectory("bicep-build-");
        try
        {
            var result = BicepCli.Run("build", Path.Combine(RepoPaths.Root, file), "--outdir", outDir.FullName, "--no-restore");

            Assert.True(result.IsClean, result.Describe());
            Assert.Single(outDir.GetFiles("*.json"));
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Bicep_file_lints_without_any_diagnostic(string file)
    {
        var result = BicepCli.Run("lint", Path.Combine(RepoPaths.Root, file), "--no-restore");

        Assert.True(result.IsClean, result.Describe());
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Parameters_file_builds_without_any_diagnostic(string file)
    {
        var result = BicepCli.Run("build-params", Path.Combine(RepoPaths.Root, file), "--stdout", "--no-restore");

        Assert.True(result.IsClean, result.Describe());
        Assert.Contains("parametersJson", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_reference_no_registry_modules()
    {
        // Registry modules (br:, ts:) would need the network to restore; CI must stay offline.
        foreach (var file in RepoPaths.BicepFiles(".bicep"))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("'br:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'br/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts/", text, StringComparison.Ordinal);
        }
    }

    // The checks above must be able to fail: the same harness, under the same bicepconfig.json,
    // on a template with a linter warning and on one with a compile error.

    [Fact]
    public void Harness_reports_a_linter_warning_as_not_clean()
    {
        var result = RunOnScratchTemplate(
            "param unused string = 'x'\noutput greeting string = 'hello'\n",
            file => BicepCli.Run("build", file, "--stdout", "--no-restore"));

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.IsClean);
        Assert.Contains(result.Diagnostics, d => d.Contains("no-unused-params", StringComparison.Ordinal));
    }

    [Fact]
    public void Harness_reports_a_rule_raised_to_error_by_bicepconfig()
    {
        // no-hardcoded-env-urls is "error" in infra/bicepconfig.json (default: warning).
        var result = RunOnScratchTemplate(
            "output endpoint string = 'https://management.azure.com/'\n",
            file => BicepCli.Run("lint", file, "--no-restore"));

        Assert.False(result.IsClean);
        Assert.Contains(result.Diagnostics, d => d.Contains(": Error no-hardcoded-env-urls", StringComparison.Ordinal));
    }

    [Fact]
    public void Harness_reports_a_compile_error()
    {
        var result = RunOnScratchTemplate(
            "output broken int = 'not a number'\n",
            file => BicepCli.Run("build", file, "--stdout", "--no-restore"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Diagnostics, d => d.Contains(": Error BCP", StringComparison.Ordinal));
    }

    private static BicepResult RunOnScratchTemplate(string bicep, Func<string, BicepResult> run)
    {
        var dir = Directory.CreateTempSubdirectory("bicep-harness-");
        try
        {
            File.Copy(Path.Combine(RepoPaths.Infra, "bicepconfig.json"), Path.Combine(dir.FullName, "bicepconfig.json"));
            var file = Path.Combine(dir.FullName, "scratch.bicep");
            File.WriteAllText(file, bicep);
            return run(file);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
