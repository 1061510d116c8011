using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Local.Commands;

/// <summary>
/// <c>orchestrator bench-import [--items N (default 1000)]</c>: measures a directive import on this
/// machine: a local host on its own task hub and tables, a synthetic directive of N items (due in
/// 60 days, so every item waits on a timer), and the figures: how long the HTTP import took, how
/// long until every item's orchestration had started and written its read-model row, the rate,
/// and the process's memory. A benchmark, not a test: it prints figures and asserts nothing.
/// </summary>
public sealed record BenchImportOptions(int Items);

public static class BenchCommand
{
    public static Command Create(CliContext cli)
    {
        var items = CliOptions.Number("--items", "Items in the synthetic directive (default 1000)", 1, 20000);
        return Verb.Create(cli, "bench-import", "Measures a directive import on this machine, on a scratch task hub and tables", [items],
            parse => new BenchImportOptions(parse.GetValue(items) ?? 1000),
            (options, c, _) => RunAsync(options, c.Out, c.Error));
    }

    public static async Task<int> RunAsync(BenchImportOptions options, TextWriter stdout, TextWriter stderr)
    {
        var count = options.Items;
        await using var scratch = await ScratchHost.StartAsync("bench", TimeSpan.FromMinutes(30));
        var client = scratch.Client;

        var issued = DateOnly.FromDateTime(DateTime.UtcNow);
        var due = issued.AddDays(60);
        var json = Directive(count, issued, due);
        stdout.WriteLine($"bench-import: {count} items, {json.Length / 1024} KiB of JSON, task hub {scratch.Name}");

        var total = Stopwatch.StartNew();
        var response = await client.PostAsync("/api/directives", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var imported = total.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            stderr.WriteLine($"bench-import: import failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
            return 1;
        }
        var directiveId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("directiveId").GetString();

        var recorded = 0;
        while (total.Elapsed < TimeSpan.FromMinutes(30))
        {
            var items = await client.GetFromJsonAsync<JsonElement>($"/api/items?directive={directiveId}");
            recorded = items.GetProperty("count").GetInt32();
            if (recorded >= count) break;
            await Task.Delay(500);
        }
        var allRecorded = total.Elapsed;
        using var process = Process.GetCurrentProcess();
        stdout.WriteLine($"  import request (validate, store, schedule {count} orchestrations): {imported.TotalSeconds,8:0.0} s" +
                         $"  ({count / imported.TotalSeconds:0} items/s)");
        stdout.WriteLine($"  until every item ran and wrote its read-model row:               {allRecorded.TotalSeconds,8:0.0} s" +
                         $"  ({recorded / allRecorded.TotalSeconds:0} items/s; {recorded}/{count} recorded)");
        stdout.WriteLine($"  host process: working set {process.WorkingSet64 / (1024 * 1024)} MiB, managed heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB");
        return recorded >= count ? 0 : 2;
    }

    /// <summary>A synthetic directive of <paramref name="count"/> task items, all due on <paramref name="due"/> (bench-storage uses it too).</summary>
    internal static string Directive(int count, DateOnly issued, DateOnly due) => new JsonObject
    {
        ["number"] = "9" + issued.DayOfYear.ToString("D3", CultureInfo.InvariantCulture),
        ["code"] = "BENCH",
        ["issueDate"] = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["issuer"] = "Văn phòng Chính phủ",
        ["signer"] = new JsonObject { ["name"] = "Bench", ["title"] = "Phó Chủ nhiệm", ["authority"] = "KT. BỘ TRƯỞNG, CHỦ NHIỆM" },
        ["subject"] = "V/v đo hiệu năng",
        ["recipients"] = new JsonArray("Bộ Tài chính"),
        ["items"] = new JsonArray(Enumerable.Range(1, count).Select(i => (JsonNode)new JsonObject
        {
            ["label"] = i.ToString(CultureInfo.InvariantCulture),
            ["kind"] = "task",
            ["text"] = $"Nhiệm vụ {i}: xây dựng và trình báo cáo.",
            ["lead"] = i % 2 == 0 ? "Bộ Tài chính" : "Bộ Xây dựng",
            ["deadlinePhrase"] = $"ngày {due:dd/MM/yyyy}",
        }).ToArray()),
    }.ToJsonString();
}
