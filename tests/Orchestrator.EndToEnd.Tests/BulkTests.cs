using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Local;
using Orchestrator.Local.Commands;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Bulk replay through the operator CLI (its verb functions, in-process) against a real local host
/// on Azurite: 200 items fail, a dry run touches nothing, the real run rewinds each exactly once,
/// and running it again (after an interrupted, partial run) touches nothing twice.
/// </summary>
public sealed class BulkTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Directive = "2024-200-VPCP-BLK";
    private const int Count = 200;
    private TestHost _host = null!;
    private AdminFixture _ops = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["DurableTask:PartitionCount"] = "2",
            ["Admin:BulkMaxPerSecond"] = "50",
        });
        _ops = new AdminFixture(_host);
    }

    public async Task DisposeAsync()
    {
        _ops.Admin.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<(int Code, string Stdout, string Stderr)> CliAsync(string verb, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var all = args.Concat(["--url", _host.BaseAddress.ToString(), "--key", TestHost.AdminKey, "--operator", "bulk-test"]).ToArray();
        var code = await CommandLine.RunAsync([verb, .. all], new CliContext(stdout, stderr));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_bulk_rewind_of_200_failed_items_dry_runs_first_then_replays_each_exactly_once()
    {
        var watch = Stopwatch.StartNew();
        await _ops.BreakTimelineAsync();
        var labels = Enumerable.Range(1, Count).Select(i => $"b.{i:D3}").ToList();
        await _ops.StartItemsAsync(Directive, labels);
        await _ops.WaitForCountAsync("Failed", Directive + ":", Count, TimeSpan.FromSeconds(120));
        output.WriteLine($"{Count} items started and failed in {watch.Elapsed.TotalSeconds:0.0} s");

        // `failed` lists them with their reason, in a table that fits 100 columns.
        var failed = await CliAsync("failed", "--prefix", Directive + ":", "--limit", "500");
        Assert.Equal(0, failed.Code);
        Assert.Contains($"{Count} instance(s).", failed.Stdout);
        Assert.Contains("RecordItemActivity", failed.Stdout);
        Assert.All(failed.Stdout.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 100, line));
        output.WriteLine(string.Join('\n', failed.Stdout.Split('\n').Take(4)));

        // Dry run: the plan lists all 200, nothing changes.
        await _ops.RepairTimelineAsync();
        var dry = await CliAsync("rewind", "--prefix", Directive + ":", "--since", "1h", "--reason", "SendGrid back", "--dry-run");
        Assert.Equal(0, dry.Code);
        Assert.Contains($"Dry run: {Count} instance(s) would be rewound", dry.Stdout);
        await Task.Delay(1000);
        Assert.Equal(Count, (await _ops.GetJsonAsync($"/api/admin/instances?status=Failed&prefix={Directive}:&limit=1000")).GetProperty("count").GetInt32());
        Assert.DoesNotContain(await _ops.AuditAsync(), e => e.GetProperty("action").GetString() == "rewind");

        // An interrupted run: only the first 50 were replayed.
        var partial = await CliAsync("rewind", "--prefix", Directive + ":", "--reason", "SendGrid back", "--limit", "50");
        Assert.Equal(0, partial.Code);
        Assert.Contains("done 50, skipped 0, failed 0", partial.Stdout);

        // Run again over everything: only the other 150 are touched.
        var replay = Stopwatch.StartNew();
        var full = await CliAsync("rewind", "--prefix", Directive + ":", "--reason", "SendGrid back");
        replay.Stop();
        Assert.True(full.Code == 0, full.Stdout + full.Stderr);
        Assert.Contains("done 150, skipped 0, failed 0", full.Stdout);
        // The progress (Spectre.Console's, as lines when stderr is not a terminal) ends at every planned instance.
        Assert.EndsWith("rewind 150/150: done 150, skipped 0, failed 0", full.Stderr.TrimEnd());
        output.WriteLine($"bulk rewind of 150 through the CLI: {replay.Elapsed.TotalSeconds:0.0} s; stderr: {full.Stderr.Trim().Split('\n').Last()}");

        // The same ids sent again (a client that retries a batch) are skipped, not rewound twice.
        var (status, again) = await _ops.PostAsync("/api/admin/bulk/rewind", new { reason = "retry", instanceIds = labels.Take(20).Select(l => $"{Directive}:{l}") });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, again.GetProperty("touched").GetInt32());
        Assert.All(again.GetProperty("results").EnumerateArray(), r => Assert.StartsWith("skipped", r.GetProperty("result").GetString()));

        // Each item replayed once: one rewind in the audit, one successful RecordItemActivity in its history,
        // one Assigned entry in its timeline, read model Open.
        var audit = (await _ops.AuditAsync()).Where(e => e.GetProperty("action").GetString() == "rewind").ToList();
        Assert.Equal(Count, audit.Count);
        Assert.Equal(Count, audit.Select(e => e.GetProperty("instanceId").GetString()).Distinct().Count());
        Assert.All(audit, e => Assert.Equal("admin key", e.GetProperty("who").GetString()));
        Assert.All(audit, e => Assert.Equal("bulk-test", e.GetProperty("onBehalfOf").GetString()));
        await Parallel.ForEachAsync(labels, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (label, _) =>
        {
            var item = await Eventually.GetAsync(
                () => _host.Client.GetFromJsonAsync<JsonElement>($"/api/items/{Directive}/{label}"),
                i => i.GetProperty("timeline").GetArrayLength() > 0, TimeSpan.FromSeconds(60), $"{label} recorded");
            Assert.Single(item.GetProperty("timeline").EnumerateArray());
            Assert.Equal("Open", item.GetProperty("item").GetProperty("state").GetString());
            Assert.Equal(1, await _ops.ScheduledCountAsync($"{Directive}:{label}", "RecordItemActivity"));
        });
        Assert.Equal(0, (await _ops.GetJsonAsync($"/api/admin/instances?status=Failed&prefix={Directive}:&limit=1000")).GetProperty("count").GetInt32());
        output.WriteLine($"whole test: {watch.Elapsed.TotalSeconds:0.0} s");
    }
}
