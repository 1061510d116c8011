using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Playwright;
using Orchestrator.Testing;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Storage;
using Xunit.Abstractions;

namespace Orchestrator.Browser.Tests;

/// <summary>Runs only with ORCHESTRATOR_DASHBOARD_BENCH=1: a measurement, not a timed test.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("ORCHESTRATOR_DASHBOARD_BENCH") != "1")
            Skip = "a measurement: run with ORCHESTRATOR_DASHBOARD_BENCH=1 (see docs/dashboard.md)";
    }
}

/// <summary>
/// The overview's and the items page's first load with 5,000 items in the read model: how long until the page is drawn,
/// and how many bytes the browser downloads. The items' rows are written straight into the read
/// model (10 directives of 500), which is what every page reads; importing 5,000 items through the
/// API takes tens of minutes on Azurite (docs/http-api.md) and changes nothing the pages read.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class FirstPageBenchmark(DashboardFixture fixture, ITestOutputHelper output)
{
    private const int Directives = 10;
    private const int ItemsPerDirective = 500;

    [BenchmarkFact]
    public async Task Overview_first_load_with_5000_items()
    {
        await using var host = await TestHost.StartAsync();
        await SeedAsync(host);
        var summary = await host.Client.GetStringAsync("/api/summary");
        output.WriteLine($"summary: {summary.Length} bytes");
        // The API alone, warm: where the page's time goes.
        foreach (var path in new[] { "/api/summary", "/api/overview", "/api/items?pageSize=50", "/api/directives" })
        for (var run = 1; run <= 3; run++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var body = await host.Client.GetStringAsync(path);
            output.WriteLine($"{path}: {watch.ElapsedMilliseconds} ms, {body.Length} bytes");
        }

        foreach (var route in new[] { "tong-quan", "nhiem-vu" })
        for (var run = 1; run <= 3; run++)
        {
            var page = await fixture.NewPageAsync(new ViewportSize { Width = 1280, Height = 900 }, host.BaseAddress);
            await page.Context.AddInitScriptAsync($"sessionStorage.setItem('orchestrator.key', '{TestHost.ApiKey}'); sessionStorage.setItem('orchestrator.role', 'officer');");
            await page.GotoAsync("/ui/#/" + route);
            await page.Locator($"main[data-ready='{route}']").WaitForAsync(new() { Timeout = 120_000 });
            var figures = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const nav = performance.getEntriesByType('navigation')[0];
                  const resources = performance.getEntriesByType('resource');
                  const sum = (list, f) => list.reduce((s, e) => s + (e[f] || 0), 0);
                  const api = resources.filter(r => r.initiatorType === 'fetch');
                  const files = resources.filter(r => r.initiatorType !== 'fetch');
                  return { readyMs: Math.round(performance.now()), domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
                    pageBytes: nav.transferSize + sum(files, 'transferSize'), pageFiles: files.length + 1,
                    apiBytes: sum(api, 'transferSize'), apiCalls: api.length,
                    slowestApiMs: Math.round(Math.max(...api.map(a => a.duration))) };
                }
                """);
            output.WriteLine($"{route} run {run}: {figures}");
            await page.Context.CloseAsync();
        }
    }

    private static async Task SeedAsync(TestHost host)
    {
        var storage = (TableStorage)host.Services.GetService(typeof(TableStorage))!;
        var items = await storage.GetTableAsync(ItemStore.ItemsTable);
        var directives = await storage.GetTableAsync(DirectiveStore.Table);
        var agencies = new[] { ("BTC", "Bộ Tài chính"), ("BXD", "Bộ Xây dựng"), ("BCT", "Bộ Công Thương"), ("BYT", "Bộ Y tế"), ("BNV", "Bộ Nội vụ"),
            ("BKHCN", "Bộ Khoa học và Công nghệ"), ("BNNMT", "Bộ Nông nghiệp và Môi trường"), ("BGDDT", "Bộ Giáo dục và Đào tạo") };
        var now = DateTimeOffset.UtcNow;
        var random = new Random(11);
        for (var d = 0; d < Directives; d++)
        {
            var directiveId = $"2025-{100 + d}-VPCP-BENCH";
            await directives.AddEntityAsync(new TableEntity(DirectiveRecord.Partition, directiveId)
            {
                [nameof(DirectiveRecord.DocumentNumber)] = $"{100 + d}/VPCP-BENCH", [nameof(DirectiveRecord.Subject)] = $"Văn bản đo {d}",
                [nameof(DirectiveRecord.ImportedUtc)] = now, [nameof(DirectiveRecord.ItemCount)] = ItemsPerDirective,
            });
            foreach (var chunk in Enumerable.Range(1, ItemsPerDirective).Chunk(100))
            {
                var batch = chunk.Select(i =>
                {
                    var (code, name) = agencies[random.Next(agencies.Length)];
                    var due = now.AddDays(random.Next(-60, 120));
                    var ended = random.Next(4) == 0;
                    return new TableTransactionAction(TableTransactionActionType.Add, new ItemRecord
                    {
                        PartitionKey = directiveId, RowKey = $"{i}", InstanceId = $"{directiveId}:{i}",
                        Task = $"Nhiệm vụ đo số {i}: xây dựng, trình và báo cáo kết quả thực hiện theo chỉ đạo của Thủ tướng Chính phủ.",
                        DeadlineKind = "Date", LeadAsWritten = name, LeadCode = code, AgencyInCharge = code, AgencyInChargeName = name,
                        DueDate = DateOnly.FromDateTime(due.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DueUtc = due,
                        State = ended ? "CompletedOnTime" : due < now ? "Overdue" : "Open", EndedUtc = ended ? due.AddDays(-1) : null,
                    });
                }).ToList();
                await items.SubmitTransactionAsync(batch);
            }
        }
    }
}
