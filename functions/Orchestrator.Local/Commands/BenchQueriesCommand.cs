using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Orchestrator.Domain.Agencies;
using Orchestrator.Local.Storage;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Local.Commands;

/// <summary>The options of <c>bench-queries</c>.</summary>
public sealed record BenchQueriesOptions(int Items = 20_000, int Rounds = 20, int PageSize = 50);

/// <summary>
/// <c>orchestrator bench-queries [--items N] [--rounds R] [--page-size P]</c>: how long the summary
/// and a page of a filtered list take with N items in the read model. On a fresh Azurite of its own,
/// it writes N read-model rows directly (100 directives' worth of items over the directory's agencies,
/// deadlines spread over a year around today, a fifth of them completed), lets the first summary
/// count them (the once-only backfill of rows written before the counters), then asks each query R
/// times through the local host's HTTP API and prints the median and the slowest. Not a test: it
/// asserts nothing.
/// </summary>
public static class BenchQueriesCommand
{
    public static Command Create(CliContext cli)
    {
        var items = CliOptions.Number("--items", "Items written to the read model (default 20000)", 1, 200_000);
        var rounds = CliOptions.Number("--rounds", "Times each query is asked (default 20)", 1, 1000);
        var pageSize = CliOptions.Number("--page-size", "Page size of the list queries (default 50)", 1, ItemQueries.MaxPageSize);
        return Verb.Create(cli, "bench-queries", "Times the summary and a page of filtered lists with N items in the read model",
            [items, rounds, pageSize],
            parse => new BenchQueriesOptions(parse.GetValue(items) ?? 20_000, parse.GetValue(rounds) ?? 20, parse.GetValue(pageSize) ?? 50),
            RunAsync);
    }

    public static async Task<int> RunAsync(BenchQueriesOptions options, TextWriter output, CancellationToken ct)
    {
        var location = Path.Combine(Path.GetTempPath(), $"orchestrator-bench-queries-{Environment.ProcessId}");
        try
        {
            await using var azurite = await AzuriteServer.StartAsync(location, cancellationToken: ct);
            await using var scratch = await ScratchHost.StartAsync("qbench", settings: new Dictionary<string, string?>
            {
                [StorageConnection.SettingName] = azurite.ConnectionString,
            });
            var agencies = AgencyDirectory.Default().All.Select(a => (a.Code, a.Name)).ToList();
            var now = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var rows = Rows(options.Items, agencies, now);
            var items = new TableServiceClient(azurite.ConnectionString).GetTableClient(scratch.Name + ItemStore.ItemsTable);
            await items.CreateIfNotExistsAsync(ct);
            await Parallel.ForEachAsync(rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100)),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                async (chunk, token) => await items.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token));
            output.WriteLine($"{options.Items} read-model rows written in {clock.Elapsed.TotalSeconds:0.0} s (Azurite {azurite.ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("TableEndpoint", StringComparison.Ordinal))})");

            clock.Restart();
            await GetAsync(scratch.Client, "/api/summary", ct);
            output.WriteLine($"first summary (counts the rows written before the counters, once): {clock.Elapsed.TotalSeconds:0.0} s");

            var agency = rows.GroupBy(r => r.AgencyInCharge).OrderByDescending(g => g.Count()).First().Key;
            var directive = rows[0].PartitionKey;
            var queries = new (string What, string Path)[]
            {
                ("summary (all items)", "/api/summary"),
                ("summary of one directive", $"/api/summary?directive={directive}"),
                ($"items of the busiest agency ({agency}), overdue, one page", $"/api/items?agency={agency}&overdue=true&pageSize={options.PageSize}"),
                ("items in progress within the deadline, one page", $"/api/items?category=inProgressWithinDeadline&pageSize={options.PageSize}"),
                ($"items of one agency due within 30 days, one page", $"/api/items?agency={agency}&dueWithinDays=30&pageSize={options.PageSize}"),
                ("items of one directive, one page", $"/api/items?directive={directive}&pageSize={options.PageSize}"),
            };
            output.WriteLine();
            output.WriteLine($"| query ({options.Items} items, {options.Rounds} rounds) | items in the answer | median ms | slowest ms |");
            output.WriteLine("|---|---:|---:|---:|");
            foreach (var (what, path) in queries)
            {
                await GetAsync(scratch.Client, path, ct); // warm
                var times = new List<double>();
                var count = 0;
                for (var round = 0; round < options.Rounds; round++)
                {
                    clock.Restart();
                    var body = await GetAsync(scratch.Client, path, ct);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    count = body.TryGetProperty("count", out var c) ? c.GetInt32()
                        : body.GetProperty("agencies").GetArrayLength();
                }
                times.Sort();
                output.WriteLine(FormattableString.Invariant($"| {what} | {count}{(path.Contains("summary", StringComparison.Ordinal) ? " agencies" : "")} | {times[times.Count / 2]:0.0} | {times[^1]:0.0} |"));
            }
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            output.WriteLine($"bench-queries: {e.Message}");
            return 2;
        }
        finally
        {
            try { Directory.Delete(location, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>Items as the activities would have written them: 100 directives, agencies round-robin.</summary>
    private static List<ItemRecord> Rows(int count, IReadOnlyList<(string Code, string Name)> agencies, DateTimeOffset now) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var directive = $"2026-{1000 + i % 100}-BENCH";
            var agency = agencies[i * 7 % agencies.Count];
            var dueDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(i % 365 - 180);
            var due = new DateTimeOffset(dueDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(17); // 24:00 in Vietnam
            var completed = i % 5 == 0;
            return new ItemRecord
            {
                PartitionKey = directive, RowKey = (i / 100).ToString(CultureInfo.InvariantCulture) + "." + (i % 100).ToString(CultureInfo.InvariantCulture),
                InstanceId = $"{directive}:{i}", Task = $"Nhiệm vụ số {i}", DeadlineKind = "Date", LeadAsWritten = agency.Name, LeadCode = agency.Code,
                AgencyInCharge = agency.Code, AgencyInChargeName = agency.Name, DueDate = dueDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DueUtc = due, State = completed ? (i % 2 == 0 ? "CompletedOnTime" : "CompletedLate") : due <= now ? "Overdue" : "Open",
                EndedUtc = completed ? (i % 2 == 0 ? due.AddDays(-2) : due.AddDays(3)) : null, Level = 0,
            };
        }).ToList();
}
