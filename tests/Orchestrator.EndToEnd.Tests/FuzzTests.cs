using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Testing;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;
using Xunit.Abstractions;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Seeded random malformed requests over every route of a real host on Azurite: valid requests of
/// each route (with valid keys, so they reach the handlers) broken in one to three ways. None may
/// answer 5xx or take more than 5 s, and the items imported before must come out healthy.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261127;
    private const int RequestCount = 5000;
    private const int Clients = 4;
    private const int MaxBodyBytes = 1024 * 1024; // the host's default Api:MaxBodyBytes
    private static readonly TimeSpan SlowLimit = TimeSpan.FromSeconds(5);
    private static readonly DateOnly Issued = new(2026, 1, 5);
    private static readonly DateOnly Due = new(2026, 12, 30);

    private TestHost _host = null!;
    public async Task InitializeAsync() => _host = await TestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The fuzz's target: every route may address it, and may legitimately complete, withdraw or terminate it.</summary>
    private const string TargetNumber = "9601";
    private const string TargetCode = "NĐ-CP";
    private static readonly string[] TargetLabels = ["1", "2.đ"];
    /// <summary>An item of the target addressed only through action links that do not end it (progress,
    /// extension), each link a fresh one: links work once and stop when their item ends, and the fuzz
    /// must still reach the form reader behind them.</summary>
    private const string LinkOnlyLabel = "3";
    private static readonly string[] AllTargetLabels = [.. TargetLabels, LinkOnlyLabel];
    private static readonly string TargetId = $"{Issued.Year}-{TargetNumber}-{TargetCode}";
    /// <summary>Never addressed by a request that could change it: must be exactly as it was.</summary>
    private const string SentinelNumber = "9602";
    private static readonly string SentinelId = TestDirectives.Id(SentinelNumber, Issued);

    [Fact]
    public async Task Thousands_of_seeded_malformed_requests_get_no_5xx_none_slow_and_the_items_stay_healthy()
    {
        var targetJson = TestDirectives.Json(TargetNumber, Issued, AllTargetLabels.Select(l => (l, Due)).ToArray(), TargetCode);
        await _host.ImportAsync(targetJson);
        await _host.ImportAsync(TestDirectives.Json(SentinelNumber, Issued, ("1", Due), ("2", Due)));
        var sentinelBefore = await Eventually.GetAsync(() => ItemsOfAsync(SentinelId), i => i.Count == 2,
            TimeSpan.FromSeconds(60), "the sentinel items in the read model");
        await Eventually.GetAsync(() => ItemsOfAsync(Uri.EscapeDataString(TargetId)), i => i.Count == AllTargetLabels.Length,
            TimeSpan.FromSeconds(60), "the target items in the read model");

        var tokens = _host.Services.GetRequiredService<ActionTokens>();
        var links = TargetLabels.SelectMany(l => Enum.GetValues<NoticeAction>()
                .Select(a => tokens.CreateToken(ItemInstanceId.For(TargetId, l), a, "focal@btc.example.org")))
            .Concat(Enumerable.Range(0, 400).Select(i => tokens.CreateToken(ItemInstanceId.For(TargetId, LinkOnlyLabel),
                i % 2 == 0 ? NoticeAction.Progress : NoticeAction.Extend, $"focal{i}@btc.example.org")))
            .ToArray();
        var generator = new RequestFuzzer(targetJson, TargetId, TargetLabels, links);

        using var api = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var slowest = (Time: TimeSpan.Zero, What: "");
        var gate = new object();
        var random = new Random(Seed);
        // All requests are drawn up front from one seeded generator: the same seed, the same requests.
        var requests = Enumerable.Range(0, RequestCount).Select(_ => generator.Next(random)).ToList();
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (fuzz, ct) =>
        {
            using var request = fuzz.Build();
            var clock = Stopwatch.StartNew();
            int status;
            try
            {
                using var response = await api.SendAsync(request, ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException) when (fuzz.BodyLength > MaxBodyBytes)
            {
                // Refused by its Content-Length before it was read (413), then the connection closed
                // under the body still being sent: the client may see the reset before the answer.
                status = 413;
            }
            catch (HttpRequestException e)
            {
                status = 0; // the connection was dropped: as bad as a 500
                failures.Enqueue($"{fuzz.Describe()}: {e.Message}");
            }
            clock.Stop();
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500) failures.Enqueue($"{status} {fuzz.Describe()}");
            lock (gate) if (clock.Elapsed > slowest.Time) slowest = (clock.Elapsed, fuzz.Describe());
        });
        total.Stop();

        output.WriteLine($"Fuzz (seed {Seed}): {RequestCount} requests in {total.Elapsed.TotalSeconds:0.0} s with {Clients} clients");
        foreach (var (code, count) in statuses.OrderBy(p => p.Key)) output.WriteLine($"  {code}: {count}");
        output.WriteLine($"  slowest: {slowest.Time.TotalMilliseconds:0} ms ({slowest.What})");
        Assert.Equal(RequestCount, statuses.Values.Sum());
        Assert.True(failures.IsEmpty, $"{failures.Count} requests failed:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(slowest.Time < SlowLimit, $"slowest response {slowest.Time.TotalSeconds:0.0} s: {slowest.What}");

        await AssertHealthyAfterwardsAsync(sentinelBefore);
    }

    /// <summary>
    /// Every event the fuzz got accepted is processed before a last progress report on the same item
    /// (an instance handles its events in order); then no instance may have failed, the sentinel must
    /// be as before and every item readable.
    /// </summary>
    private async Task AssertHealthyAfterwardsAsync(List<JsonElement> sentinelBefore)
    {
        using var admin = new HttpClient { BaseAddress = _host.BaseAddress };
        admin.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        foreach (var label in AllTargetLabels)
        {
            var instanceId = Uri.EscapeDataString(ItemInstanceId.For(TargetId, label));
            var instance = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/instances/{instanceId}");
            if (instance.GetProperty("runtimeStatus").GetString() == "Suspended")
            {
                var resumed = await admin.PostAsJsonAsync($"/api/admin/instances/{instanceId}/resume", new { reason = "after the fuzz" });
                // A resume the fuzz sent may be processed between the read above and this request: then the
                // instance is no longer suspended and the API says so (409 with the status it found).
                var body = await resumed.Content.ReadAsStringAsync();
                var resumedMeanwhile = resumed.StatusCode == HttpStatusCode.Conflict &&
                    JsonDocument.Parse(body).RootElement.TryGetProperty("runtimeStatus", out var now) && now.GetString() != "Suspended";
                Assert.True(resumed.IsSuccessStatusCode || resumedMeanwhile, $"resume {label}: {(int)resumed.StatusCode} {body}");
            }
            var item = await _host.Client.ItemAsync(Uri.EscapeDataString(TargetId), Uri.EscapeDataString(label));
            if (item.GetProperty("runtimeStatus").GetString() is not ("Running" or "Suspended")) continue;
            var last = await _host.Client.PostJsonAsync($"/api/items/{Uri.EscapeDataString(TargetId)}/{Uri.EscapeDataString(label)}/progress",
                new { note = "last report after the fuzz", actor = "fuzz-check" });
            if (last.StatusCode == HttpStatusCode.Conflict) continue; // an event of the fuzz ended it meanwhile
            Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
            try
            {
                // Recorded, or the item ended first by an earlier event of the fuzz (both mean every earlier event was handled).
                await Eventually.GetAsync(() => _host.Client.ItemAsync(Uri.EscapeDataString(TargetId), Uri.EscapeDataString(label)),
                    i => i.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("actor").GetString() == "fuzz-check")
                         || i.GetProperty("runtimeStatus").GetString() is "Completed" or "Terminated" or "Failed",
                    TimeSpan.FromSeconds(90), $"the last report on {label} to be recorded");
            }
            catch (TimeoutException e)
            {
                var now = await admin.GetStringAsync($"/api/admin/instances/{instanceId}");
                throw new TimeoutException($"{e.Message}\nInstance now: {now}", e);
            }
        }

        var failed = await admin.GetFromJsonAsync<JsonElement>("/api/admin/instances?status=Failed");
        Assert.True(failed.GetProperty("count").GetInt32() == 0, $"failed instances after the fuzz: {failed}");
        var sentinelAfter = await ItemsOfAsync(SentinelId);
        Assert.Equal(sentinelBefore.Select(Summary), sentinelAfter.Select(Summary));
        foreach (var label in new[] { "1", "2" })
            Assert.Equal("Running", (await _host.Client.ItemAsync(SentinelId, label)).GetProperty("runtimeStatus").GetString());
        var target = await ItemsOfAsync(Uri.EscapeDataString(TargetId));
        Assert.Equal(AllTargetLabels.Length, target.Count);
        foreach (var label in AllTargetLabels)
            Assert.NotEqual(JsonValueKind.Undefined, (await _host.Client.ItemAsync(Uri.EscapeDataString(TargetId), Uri.EscapeDataString(label))).ValueKind);
    }

    private async Task<List<JsonElement>> ItemsOfAsync(string escapedDirectiveId)
    {
        var list = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/items?directive={escapedDirectiveId}");
        return list.GetProperty("items").EnumerateArray().ToList();
    }

    private static string Summary(JsonElement row) =>
        $"{row.GetProperty("label")} {row.GetProperty("state")} {row.GetProperty("dueDate")} {row.GetProperty("agencyInCharge")} {row.GetProperty("level")}";
}
