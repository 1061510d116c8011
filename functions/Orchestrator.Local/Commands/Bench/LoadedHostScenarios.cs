using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Common;
using Orchestrator.Local.Commands.StorageBench;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Local.Commands.Bench;

/// <summary>With N waiting and M due at the same instant: how late their notices came.</summary>
public sealed record TimerResult(int Waiting, int DueTogether, double SecondsPerDay, DateTimeOffset? DueAtUtc, int NoticesSeen,
    Percentiles Lateness, string? Note);

/// <summary>The host with N items waiting and nothing to do.</summary>
public sealed record IdleResult(int Waiting, double Seconds, double HostCpuShare, double? AzuriteCpuShare,
    double StorageRequestsPerHour, double StorageRequestsPerHourWithoutQueuePolls);

public sealed record EndpointLatency(string Endpoint, double RequestsPerSecond, int Sent, int Failed, Percentiles Latency);

public sealed record MemoryResult(long WorkingSetMiB, long PeakWorkingSetMiB, long ManagedHeapMiB);

public sealed record LoadedHostResult(TimerResult? Timers, IdleResult? Idle, IReadOnlyList<EndpointLatency> Api, MemoryResult Memory);

/// <summary>
/// One local host on a fresh Azurite behind the counting proxy, one directive of N items: M due
/// on one day (so their first reminder falls on the same instant), the rest months later. Then, in
/// order: timer lateness (the M reminders), idle (nothing happening), API latency (which completes
/// items, so it comes last), and the process's memory.
/// </summary>
internal sealed class LoadedHostScenarios(BenchOptions options, TextWriter log)
{
    private const int ReminderDaysBefore = 14;
    private const int DueSoonDays = 20;   // first reminder 6 plan days after issue
    private const int DueLaterDays = 300;

    public async Task<LoadedHostResult> RunAsync()
    {
        await using var azurite = await BenchHosts.AzuriteAsync("loaded");
        await using var proxy = await CountingStorageProxy.StartAsync(azurite.Server.Endpoints);
        // Plan time compressed so that the import (about 20 items/s here, slower under load) ends well
        // before the M reminders fire: a reminder whose time has passed when its item starts is skipped, not sent late.
        var secondsPerDay = Math.Max(20, (options.Items / 10.0 + 60) / 5);
        await using var host = await BenchHosts.ProjectAsync(proxy.ConnectionString, new Dictionary<string, string?>
        {
            ["Escalation:ReminderDaysBefore"] = ReminderDaysBefore.ToString(CultureInfo.InvariantCulture),
        });
        proxy.HiddenName = host.Name;

        var directiveId = await ImportAsync(host, secondsPerDay);
        var allWaitingAt = DateTimeOffset.UtcNow;
        var timers = options.Runs("timers") ? await TimersAsync(host, directiveId, secondsPerDay, allWaitingAt) : null;
        var idle = options.Runs("idle") ? await IdleAsync(host, azurite, proxy) : null;
        var memory = Memory();
        var api = options.Runs("api") ? await ApiAsync(host, directiveId) : [];
        return new LoadedHostResult(timers, idle, api, memory);
    }

    private static MemoryResult Memory()
    {
        var (workingSet, peak) = BenchHosts.Memory();
        return new MemoryResult(workingSet, peak, GC.GetTotalMemory(false) >> 20);
    }

    private async Task<string> ImportAsync(ScratchHost host, double secondsPerDay)
    {
        var issued = VietnamTime.Today(DateTimeOffset.UtcNow);
        var json = JsonNode.Parse(BenchDirective.Of(options.Items, issued, issued.AddDays(DueLaterDays)))!;
        var soon = $"ngày {issued.AddDays(DueSoonDays):dd/MM/yyyy}";
        foreach (var item in json["items"]!.AsArray().Take(options.Due)) item!["deadlinePhrase"] = soon;
        log.WriteLine($"  loaded host: importing {options.Items} items ({options.Due} due together), one plan day = {secondsPerDay:0.#} s…");
        var response = await host.Client.PostAsync($"/api/directives?secondsPerDay={secondsPerDay.ToString(CultureInfo.InvariantCulture)}",
            new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import failed ({(int)response.StatusCode}): {body}");
        var directiveId = BenchHosts.DirectiveIdOf(body);
        var clock = Stopwatch.StartNew();
        while (await BenchHosts.CountWaitingAsync(host, directiveId) < options.Items)
        {
            if (clock.Elapsed > TimeSpan.FromHours(2)) throw new TimeoutException("the items did not all wait within 2 hours");
            await Task.Delay(2000);
        }
        log.WriteLine($"    all {options.Items} waiting after {clock.Elapsed.TotalSeconds:0} s");
        return directiveId;
    }

    /// <summary>Lateness of a notice: when its outbox row was written, after the instant its step was planned for.</summary>
    private async Task<TimerResult> TimersAsync(ScratchHost host, string directiveId, double secondsPerDay, DateTimeOffset allWaitingAt)
    {
        var durable = host.Host.App.Services.GetRequiredService<DurableTaskClient>();
        var dueLabels = Enumerable.Range(1, options.Due).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var planned = new HashSet<DateTimeOffset>();
        foreach (var label in dueLabels)
        {
            var instance = await durable.GetInstanceAsync(ItemInstanceId.For(directiveId, label));
            if (instance?.ReadCustomStatusAs<ItemStatus>()?.NextStepUtc is { } next) planned.Add(next);
        }
        if (planned.Count != 1)
            return new TimerResult(options.Items, options.Due, secondsPerDay, null, 0, Percentiles.Of([]),
                $"the {options.Due} items' next steps fall on {planned.Count} instants, not one: lateness not measured");
        var dueAt = planned.Single();
        var wait = dueAt - DateTimeOffset.UtcNow;
        log.WriteLine($"  timers: {options.Due} reminders due at {dueAt:HH:mm:ss} UTC (in {Math.Max(0, wait.TotalSeconds):0} s)…");
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        var outbox = host.Host.App.Services.GetRequiredService<OutboxStore>();
        var lateness = new Dictionary<string, TimeSpan>();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(options.Due / 5.0);
        while (lateness.Count < options.Due && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(2000);
            string? token = null;
            do
            {
                var page = await outbox.ListPageAsync(directiveId, pageSize: 1000, continuationToken: token);
                foreach (var notice in page.Items)
                    if (dueLabels.Contains(notice.Label) && !lateness.ContainsKey(notice.Label))
                        lateness[notice.Label] = notice.CreatedUtc - dueAt;
                token = page.ContinuationToken;
            } while (token is not null);
        }
        var result = Percentiles.Of(lateness.Values);
        log.WriteLine($"    {lateness.Count}/{options.Due} notices; lateness p50 {result.P50Ms / 1000:0.00} s, p99 {result.P99Ms / 1000:0.00} s, max {result.MaxMs / 1000:0.00} s");
        // An item that starts after its step's instant sends the step at once (catch-up): its lateness is the import's, not the timer's.
        var note = allWaitingAt > dueAt ? "the import ended after the reminders' instant: lateness includes import time (a slower machine: fewer items)"
            : lateness.Count < options.Due ? "not every notice came within the wait" : null;
        return new TimerResult(options.Items, options.Due, secondsPerDay, dueAt, lateness.Count, result, note);
    }

    private async Task<IdleResult> IdleAsync(ScratchHost host, FreshAzurite azurite, CountingStorageProxy proxy)
    {
        // Let the reminders' aftermath settle (each item continued as new) before watching.
        await Task.Delay(TimeSpan.FromSeconds(10));
        log.WriteLine($"  idle: {options.Items} waiting, watching for {options.IdleSeconds:0} s…");
        var (cpu, azuriteCpu, from) = (BenchHosts.OwnCpu(), azurite.Cpu, proxy.Now);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
        var seconds = clock.Elapsed.TotalSeconds;
        var requests = proxy.Between(from, proxy.Now);
        var perHour = 3600 / seconds;
        var polls = requests.Count(r => StorageBenchReport.IsQueuePoll(r.Operation));
        var result = new IdleResult(options.Items, seconds, (BenchHosts.OwnCpu() - cpu).TotalSeconds / seconds,
            ImportScenario.CpuShare(azuriteCpu, azurite.Cpu, seconds), requests.Count * perHour, (requests.Count - polls) * perHour);
        log.WriteLine($"    host CPU {result.HostCpuShare:P1} of a core; {result.StorageRequestsPerHour:N0} storage requests/hour " +
                      $"({result.StorageRequestsPerHourWithoutQueuePolls:N0} without queue polls)");
        return result;
    }

    private async Task<List<EndpointLatency>> ApiAsync(ScratchHost host, string directiveId)
    {
        // Completions go to the items not due together, one item per request, last label first.
        var toComplete = new Queue<string>(Enumerable.Range(options.Due + 1, options.Items - options.Due).Reverse()
            .Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var endpoints = new (string Name, Func<HttpClient, Task<HttpResponseMessage>?> Send)[]
        {
            ("completion", client => toComplete.TryDequeue(out var label)
                ? client.PostAsJsonAsync($"/api/items/{Uri.EscapeDataString(directiveId)}/{label}/complete",
                    new { reportNumber = "1/BC", actor = "bench@example.org" })
                : null),
            ("summary", client => client.GetAsync("/api/summary")),
            ("item list", client => client.GetAsync($"/api/items?directive={Uri.EscapeDataString(directiveId)}&pageSize=50")),
        };
        var results = new List<EndpointLatency>();
        foreach (var (name, send) in endpoints)
        {
            log.WriteLine($"  api: {name} at {options.RequestsPerSecond} requests/s for {options.ApiSeconds} s…");
            var result = await OpenLoopAsync(host.Client, name, send);
            log.WriteLine($"    p50 {result.Latency.P50Ms:0} ms, p99 {result.Latency.P99Ms:0} ms ({result.Sent} sent, {result.Failed} failed)");
            results.Add(result);
        }
        return results;
    }

    /// <summary>Sends at a fixed rate whatever the answers' pace (an open loop: a slow answer does not slow the sender).</summary>
    private async Task<EndpointLatency> OpenLoopAsync(HttpClient client, string name, Func<HttpClient, Task<HttpResponseMessage>?> send)
    {
        var interval = TimeSpan.FromSeconds(1 / options.RequestsPerSecond);
        var total = (int)Math.Round(options.ApiSeconds * options.RequestsPerSecond);
        var calls = new List<Task<(TimeSpan Latency, bool Ok)>>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var started = clock.Elapsed;
            var request = send(client);
            if (request is null) break; // nothing left to complete
            calls.Add(Measure(request, started));
        }
        var answers = await Task.WhenAll(calls);
        return new EndpointLatency(name, options.RequestsPerSecond, answers.Length, answers.Count(a => !a.Ok),
            Percentiles.Of(answers.Select(a => a.Latency).ToList()));

        async Task<(TimeSpan, bool)> Measure(Task<HttpResponseMessage> request, TimeSpan started)
        {
            try
            {
                using var response = await request;
                await response.Content.ReadAsByteArrayAsync();
                return (clock.Elapsed - started, response.IsSuccessStatusCode);
            }
            catch (HttpRequestException)
            {
                return (clock.Elapsed - started, false);
            }
        }
    }
}
