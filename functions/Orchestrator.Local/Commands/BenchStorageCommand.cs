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
    public const string Usage =
        "usage: orchestrator bench-storage [--items N (100)] [--polling-seconds S (2)] [--idle-seconds W (60)] " +
        "[--seconds-per-day D (30)] [--only project|raw]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        StorageBenchSettings settings;
        string? only;
        try
        {
            var a = CommandArgs.Parse(args, new HashSet<string>(),
                new HashSet<string> { "--items", "--polling-seconds", "--idle-seconds", "--seconds-per-day", "--only" });
            settings = new StorageBenchSettings(
                Items: int.Parse(a.Value("--items") ?? "100", CultureInfo.InvariantCulture),
                PollingIntervalSeconds: double.Parse(a.Value("--polling-seconds") ?? "2", CultureInfo.InvariantCulture),
                IdleSeconds: double.Parse(a.Value("--idle-seconds") ?? "60", CultureInfo.InvariantCulture),
                SecondsPerDay: double.Parse(a.Value("--seconds-per-day") ?? "30", CultureInfo.InvariantCulture));
            only = a.Value("--only");
            if (settings.Items is < 1 or > 2000) throw new ArgumentException("--items must be between 1 and 2000");
            if (settings.PollingIntervalSeconds is <= 0 or > 60) throw new ArgumentException("--polling-seconds must be above 0 and at most 60");
            if (settings.IdleSeconds < 10) throw new ArgumentException("--idle-seconds must be at least 10");
            if (settings.SecondsPerDay < 5) throw new ArgumentException("--seconds-per-day must be at least 5");
            if (only is not (null or "project" or "raw")) throw new ArgumentException("--only must be project or raw");
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            stderr.WriteLine($"bench-storage: {e.Message}");
            stderr.WriteLine(Usage);
            return 1;
        }

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
