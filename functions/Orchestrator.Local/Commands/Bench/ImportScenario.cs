using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Domain.Common;
using Orchestrator.Local.Commands.StorageBench;

namespace Orchestrator.Local.Commands.Bench;

/// <summary>One side's import of N items: how long until every item waited on its first timer.</summary>
/// <param name="ImportRequestSeconds">The POST alone (project only).</param>
/// <param name="SlowestStatusRequestSeconds">The slowest GET of the status URL while it ran (project only).</param>
/// <param name="AzuriteCpuShare">Azurite's CPU over the run, as a share of one core.</param>
public sealed record ImportRun(string Side, int Round, int Items, double Seconds, double ItemsPerSecond,
    double? ImportRequestSeconds, double? SlowestStatusRequestSeconds, double? AzuriteCpuShare, bool Finished);

/// <summary>The import race: this project against the raw framework doing the same shape, alternating, each on a fresh Azurite.</summary>
public sealed record ImportResult(IReadOnlyList<ImportRun> Runs, double? BestProjectSeconds, double? BestRawSeconds, double? SpeedRatio);

/// <summary>
/// Imports N items on each side, round after round, the side that goes first alternating, each
/// run on an Azurite of its own started for it (Azurite slows down as its store grows, so a shared
/// one would favour whoever goes first). The ratio is the raw framework's best time over the
/// project's best: 1.0 is as fast, 0.9 is 10% slower.
/// </summary>
internal sealed class ImportScenario(BenchOptions options, TextWriter log)
{
    /// <summary>Items are due this long after issue: they all wait on a timer for weeks.</summary>
    private const int DueAfterDays = 60;
    private static readonly TimeSpan Limit = TimeSpan.FromHours(2);

    public async Task<ImportResult> RunAsync()
    {
        var runs = new List<ImportRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var projectFirst = round % 2 == 1;
            foreach (var side in projectFirst ? new[] { "project", "raw" } : ["raw", "project"])
            {
                log.WriteLine($"  import round {round}: {side} ({options.Items} items, fresh Azurite)…");
                var run = side == "project" ? await ProjectAsync(round) : await RawAsync(round);
                log.WriteLine($"    {run.Seconds:0.0} s ({run.ItemsPerSecond:0.0} items/s){(run.Finished ? "" : " — NOT FINISHED")}");
                runs.Add(run);
            }
        }
        double? Best(string side) => runs.Where(r => r.Side == side && r.Finished).Select(r => (double?)r.Seconds).Min();
        var (project, raw) = (Best("project"), Best("raw"));
        return new ImportResult(runs, project, raw, project is > 0 && raw is > 0 ? raw / project : null);
    }

    private async Task<ImportRun> ProjectAsync(int round)
    {
        await using var azurite = await BenchHosts.AzuriteAsync("import-project");
        await using var host = await BenchHosts.ProjectAsync(azurite.ConnectionString);
        var issued = VietnamTime.Today(DateTimeOffset.UtcNow);
        var json = BenchDirective.Of(options.Items, issued, issued.AddDays(DueAfterDays));
        var cpuBefore = azurite.Cpu;

        var clock = Stopwatch.StartNew();
        var response = await host.Client.PostAsync("/api/directives", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var request = clock.Elapsed;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import failed ({(int)response.StatusCode}): {body}");
        var directiveId = BenchHosts.DirectiveIdOf(body);
        var statusUrl = response.Headers.Location?.OriginalString;

        var slowestStatus = TimeSpan.Zero;
        var waiting = 0;
        while (clock.Elapsed < Limit)
        {
            if (statusUrl is not null)
            {
                var asked = Stopwatch.StartNew();
                var status = await host.Client.GetFromJsonAsync<JsonElement>(statusUrl);
                slowestStatus = asked.Elapsed > slowestStatus ? asked.Elapsed : slowestStatus;
                if (status.GetProperty("done").GetBoolean()) statusUrl = null;
            }
            waiting = await BenchHosts.CountWaitingAsync(host, directiveId);
            if (waiting >= options.Items) break;
            await Task.Delay(1000);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new ImportRun("project", round, options.Items, seconds, waiting / seconds, request.TotalSeconds,
            slowestStatus.TotalSeconds, CpuShare(cpuBefore, azurite.Cpu, seconds), waiting >= options.Items);
    }

    private async Task<ImportRun> RawAsync(int round)
    {
        await using var azurite = await BenchHosts.AzuriteAsync("import-raw");
        var name = "benchraw" + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        // A day lasts a day: the first timer is 6 days off, so no item passes it during the run.
        var settings = new StorageBenchSettings(Items: options.Items, PollingIntervalSeconds: BenchHosts.PollingIntervalSeconds,
            PartitionCount: BenchHosts.PartitionCount, SecondsPerDay: 86400);
        await using var raw = new RawFrameworkSubject(name, settings, azurite.ConnectionString, azurite.ConnectionString);
        await raw.StartAsync();
        var cpuBefore = azurite.Cpu;

        var clock = Stopwatch.StartNew();
        await raw.ImportAsync(options.Items);
        var finished = false;
        while (clock.Elapsed < Limit && !(finished = await raw.AllWaitingOnFirstTimerAsync())) await Task.Delay(1000);
        var seconds = clock.Elapsed.TotalSeconds;
        return new ImportRun("raw", round, options.Items, seconds, finished ? options.Items / seconds : 0, null, null,
            CpuShare(cpuBefore, azurite.Cpu, seconds), finished);
    }

    internal static double? CpuShare(TimeSpan? before, TimeSpan? after, double seconds) =>
        before is { } b && after is { } a && seconds > 0 ? (a - b).TotalSeconds / seconds : null;
}
