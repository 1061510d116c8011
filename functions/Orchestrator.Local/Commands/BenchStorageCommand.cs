using System.CommandLine;
using System.Globalization;
using Orchestrator.Local.Commands.StorageBench;
using Orchestrator.Local.Storage;

namespace Orchestrator.Local.Commands;

/// <summary>
/// <c>orchestrator bench-storage [--items N] [--polling-seconds S] [--idle-seconds W]
/// [--seconds-per-day D] [--only project|raw]</c>: counts the storage requests per item of this
/// project and of the bare Durable Task Framework doing the same shape of work, on a fresh Azurite
/// of its own behind a counting proxy. Prints Markdown tables (see docs/benchmarks.md). The counts
/// do not depend on the machine; the run takes about five minutes per subject.
/// </summary>
public static class BenchStorageCommand
{
    public static Command Create(CliContext cli)
    {
        var items = CliOptions.Number("--items", "Items per subject (default 100)", 1, 2000);
        var polling = CliOptions.DecimalNumber("--polling-seconds", "The worker's longest queue polling interval (default 2)", 0, 60, exclusiveMin: true);
        var idle = CliOptions.DecimalNumber("--idle-seconds", "How long the idle phase is counted (default 60)", 10);
        var secondsPerDay = CliOptions.DecimalNumber("--seconds-per-day", "Seconds of real time per day of the plan (default 30)", 5);
        var only = CliOptions.Text("--only", "Measure one subject only", "project|raw");
        only.AcceptOnlyFromAmong("project", "raw");
        return Verb.Create(cli, "bench-storage", "Counts the storage requests per item of this project and of the bare Durable Task Framework",
            [items, polling, idle, secondsPerDay, only],
            parse => (Settings: new StorageBenchSettings(
                    Items: parse.GetValue(items) ?? 100,
                    PollingIntervalSeconds: parse.GetValue(polling) ?? 2,
                    IdleSeconds: parse.GetValue(idle) ?? 60,
                    SecondsPerDay: parse.GetValue(secondsPerDay) ?? 30),
                Only: parse.GetValue(only)),
            (options, c, _) => RunAsync(options.Settings, options.Only, c.Out, c.Error));
    }

    /// <param name="only">"project", "raw", or null for both.</param>
    public static async Task<int> RunAsync(StorageBenchSettings settings, string? only, TextWriter stdout, TextWriter stderr)
    {
        var location = Path.Combine(Path.GetTempPath(), $"orchestrator-bench-storage-{Environment.ProcessId}");
        try
        {
            await using var azurite = await AzuriteServer.StartAsync(location);
            await using var proxy = await CountingStorageProxy.StartAsync(azurite.Endpoints);
            var runner = new StorageBenchRunner(proxy, settings, stdout);
            var results = new List<SubjectResult>();
            if (only is null or "project")
                results.Add(await runner.RunAsync(new ProjectSubject(settings, proxy.ConnectionString, azurite.ConnectionString)));
            if (only is null or "raw")
            {
                var name = "txraw" + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
                results.Add(await runner.RunAsync(new RawFrameworkSubject(name, settings, proxy.ConnectionString, azurite.ConnectionString)));
            }
            StorageBenchReport.Write(stdout, settings, results);
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            stderr.WriteLine($"bench-storage: {e.Message}");
            return 2;
        }
        finally
        {
            try { Directory.Delete(location, recursive: true); } catch (IOException) { }
        }
    }
}
