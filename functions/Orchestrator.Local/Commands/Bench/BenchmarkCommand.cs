using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Local.Commands.Bench;

/// <summary>Everything one run measured, as written to the JSON file.</summary>
public sealed record BenchResults(DateTimeOffset StartedUtc, string Machine, int ProcessorCount, BenchOptions Options,
    ImportResult? Import, LoadedHostResult? Host);

/// <summary>
/// <c>orchestrator bench</c>: the scale figures of docs/benchmarks.md on this machine. Import N
/// against the raw framework (alternating rounds, each on a fresh Azurite), then one loaded host
/// for timer lateness, idle cost, API latency and memory. Writes JSON and prints a table. A
/// benchmark, not a test: it asserts nothing, and its exit code only says whether it ran.
/// </summary>
public static class BenchmarkCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        output.WriteLine($"bench: N = {options.Items}, M = {options.Due}, {Environment.ProcessorCount} cores, {Environment.MachineName}");
        try
        {
            var import = options.Runs("import") ? await new ImportScenario(options, output).RunAsync() : null;
            cancellationToken.ThrowIfCancellationRequested();
            var host = options.Runs("timers") || options.Runs("idle") || options.Runs("api")
                ? await new LoadedHostScenarios(options, output).RunAsync()
                : null;
            var results = new BenchResults(started, Environment.MachineName, Environment.ProcessorCount, options, import, host);
            var path = options.JsonPath ?? $"bench-{options.Items}-{started:yyyyMMdd-HHmmss}.json";
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, Json), cancellationToken);
            output.WriteLine();
            BenchTable.Write(output, results);
            output.WriteLine();
            output.WriteLine($"JSON: {Path.GetFullPath(path)}");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            errors.WriteLine($"bench: {e.Message}");
            return 2;
        }
    }
}

/// <summary>The results as Markdown tables (the shape docs/benchmarks.md keeps).</summary>
internal static class BenchTable
{
    public static void Write(TextWriter o, BenchResults r)
    {
        static string S(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "–";
        static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString("0", CultureInfo.InvariantCulture) + " ms";
        static string P(double? share) => share is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "–";

        if (r.Import is { } import)
        {
            o.WriteLine($"Import of {r.Options.Items} items, until every item waits on its first timer (each run on a fresh Azurite):");
            o.WriteLine();
            o.WriteLine("| round | side | time | items/s | import request | slowest status request | Azurite CPU |");
            o.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
            foreach (var run in import.Runs)
                o.WriteLine($"| {run.Round} | {run.Side}{(run.Finished ? "" : " (not finished)")} | {S(run.Seconds)} | {run.ItemsPerSecond:0.0} | " +
                            $"{S(run.ImportRequestSeconds)} | {S(run.SlowestStatusRequestSeconds)} | {P(run.AzuriteCpuShare)} |");
            o.WriteLine();
            o.WriteLine($"Best: project {S(import.BestProjectSeconds)}, raw {S(import.BestRawSeconds)}; " +
                        $"speed ratio (raw time / project time) {(import.SpeedRatio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "–")}");
            o.WriteLine();
        }
        if (r.Host is not { } host) return;
        o.WriteLine("| scenario | figure |");
        o.WriteLine("|---|---|");
        if (host.Timers is { } t)
            o.WriteLine($"| timer lateness: {t.DueTogether} of {t.Waiting} due at one instant | " +
                        $"p50 {Ms(t.Lateness.P50Ms)}, p99 {Ms(t.Lateness.P99Ms)}, max {Ms(t.Lateness.MaxMs)} ({t.NoticesSeen} notices){(t.Note is null ? "" : "; " + t.Note)} |");
        if (host.Idle is { } i)
            o.WriteLine($"| idle, {i.Waiting} waiting ({i.Seconds:0} s) | host CPU {P(i.HostCpuShare)} of a core, Azurite CPU {P(i.AzuriteCpuShare)}; " +
                        $"{i.StorageRequestsPerHour:N0} storage requests/hour ({i.StorageRequestsPerHourWithoutQueuePolls:N0} without queue polls) |");
        foreach (var e in host.Api)
            o.WriteLine($"| API {e.Endpoint} at {e.RequestsPerSecond:0}/s | p50 {Ms(e.Latency.P50Ms)}, p99 {Ms(e.Latency.P99Ms)} ({e.Sent} sent, {e.Failed} failed) |");
        o.WriteLine($"| memory (host process) | working set {host.Memory.WorkingSetMiB} MiB (peak {host.Memory.PeakWorkingSetMiB} MiB), managed heap {host.Memory.ManagedHeapMiB} MiB |");
    }
}
