using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Escalation;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>The chaos test loads both cores: it runs alone, after the tests that run in parallel.</summary>
[CollectionDefinition(nameof(ChaosCollection), DisableParallelization = true)]
public sealed class ChaosCollection;

/// <summary>
/// Exactly once under crashes (issue 17): one directive of N items imported on compressed time
/// (through the background import), the real local host against a private Azurite and a fake
/// SendGrid (the real SendGrid client talks to it), and faults during the ladder, scheduled from a
/// seeded Random (the seed is printed; ORCHESTRATOR_CHAOS_SEED replays a schedule):
/// <list type="bullet">
/// <item>the host killed with SIGKILL K times at random moments, each time restarted on the same storage;</item>
/// <item>Azurite stopped and restarted (same ports, same data folder) A times while the host runs;
///   see <see cref="RestartAzuriteAsync"/> for how a kill -9 is kept fair;</item>
/// <item>SendGrid answering 500 for a stretch of F seconds, 429 with Retry-After for another, and
///   once reading a request and dropping the connection before answering.</item>
/// </list>
/// Then, once every item has settled (bounded), per notice key (custom_args.notice_key) and per
/// recipient: every planned notice delivered, none twice, except keys whose outbox row says the
/// outcome is unknown, which must each be visible to an operator (admin API); the summary's counts
/// equal the orchestrations' states; no instance Failed. The figures are printed at the end (and
/// written to chaos-report-{seed}.txt next to the test assembly, with the hosts' output).
/// <para>Sizes (environment variables; the defaults are the CI size, about 2-3 minutes on 2 cores):
/// ORCHESTRATOR_CHAOS_ITEMS (16; the issue's full size is 1000), ORCHESTRATOR_CHAOS_KILLS (host
/// kills, 3; full 10), ORCHESTRATOR_CHAOS_AZURITE_KILLS (2; full 2), ORCHESTRATOR_CHAOS_FAULT_SECONDS
/// (length of the 500 and of the 429 stretch, 12; full 30), ORCHESTRATOR_CHAOS_LADDER_SECONDS (real
/// seconds from the issue date to the last step; default grows with the size),
/// ORCHESTRATOR_CHAOS_DRAIN_SECONDS (bound on the wait after the last fault), ORCHESTRATOR_CHAOS_SEED.</para>
/// <para>Digests are on (Digests__Enabled=true, polled every 5 s): their periods are real ISO weeks
/// and months, so a run sends at most one weekly digest per agency and one monthly report; they
/// are held to "at most once per key" (counted from SendGrid's side), not to a plan. Check-ins
/// concern items without a due date; every item here has one, so none is planned.</para>
/// </summary>
[Collection(nameof(ChaosCollection))]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    [Fact]
    public async Task Every_planned_notice_goes_out_once_through_host_kills_storage_restarts_and_SendGrid_faults()
    {
        var items = Setting("ORCHESTRATOR_CHAOS_ITEMS", 16);
        var hostKills = Setting("ORCHESTRATOR_CHAOS_KILLS", 3);
        var azuriteKills = Setting("ORCHESTRATOR_CHAOS_AZURITE_KILLS", 2);
        var faultSeconds = Setting("ORCHESTRATOR_CHAOS_FAULT_SECONDS", 12);
        // Long enough that the process faults (each costs ~10-40 s: a restarted host waits for the dead
        // one's partition leases to expire) fall inside the ladder.
        var ladderSeconds = Setting("ORCHESTRATOR_CHAOS_LADDER_SECONDS", Math.Max(100, Math.Max(60 + items * 3 / 10, (hostKills * 20 + azuriteKills * 20) * 4 / 3)));
        var drainSeconds = Setting("ORCHESTRATOR_CHAOS_DRAIN_SECONDS", Math.Max(240, items * 6 / 5));
        var seed = Setting("ORCHESTRATOR_CHAOS_SEED", Environment.TickCount & 0x7fffffff);
        var random = new Random(seed);
        var report = new Report(output);
        report.Line($"Chaos test: seed {seed} (ORCHESTRATOR_CHAOS_SEED={seed} replays the schedule), {items} items, {hostKills} host kills, " +
                    $"{azuriteKills} Azurite restarts, SendGrid fault stretches of {faultSeconds} s, ladder {ladderSeconds} s, drain bound {drainSeconds} s");

        // Dates relative to today, every one before 2027-12-01 (the calendar has data to 2027).
        var calendar = WorkingDayCalendar.Default();
        var issued = DateOnly.FromDateTime(DateTime.UtcNow);
        var due = calendar.OnOrNextWorkingDay(issued.AddDays(20));
        var policy = EscalationPolicy.Default;
        var plan = EscalationPlanner.Plan(policy, due, calendar, notBefore: issued);
        Assert.True(plan.Max(s => s.Date) < new DateOnly(2027, 12, 1), "the ladder runs past the calendar's data");
        var lastDay = plan.Max(s => s.Date).DayNumber - issued.DayNumber + 1;
        var secondsPerDay = Math.Round((double)ladderSeconds / lastDay, 3);
        var number = (9000 + random.Next(900)).ToString(CultureInfo.InvariantCulture);
        var id = TestDirectives.Id(number, issued);
        var labels = Enumerable.Range(1, items).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var planned = labels.SelectMany(l => plan.Select(s => new PlannedNotice(l, s.StepId, $"{id}:{l}|{s.StepId}"))).ToList();
        report.Line($"Directive {id}, issued {issued:yyyy-MM-dd}, due {due:yyyy-MM-dd}; {plan.Count} steps per item " +
                    $"({string.Join(", ", plan.Select(s => $"{s.StepId} {s.Date:MM-dd}"))}); {secondsPerDay} s per day");

        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var azurite = await RestartableAzurite.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TaskHubName"] = TestNames.Unique("chaos"),
            ["Tables__Prefix"] = TestNames.Unique("c"),
            ["DurableTask__PollingIntervalSeconds"] = "1",
            // A message a killed host held comes back after this, not after the default 5 minutes.
            ["DurableTask__MessageVisibilitySeconds"] = "20",
            // Below the item count, so that even the CI size goes through the background import.
            ["Import__ImmediateMaxItems"] = Math.Min(100, Math.Max(1, items / 3)).ToString(CultureInfo.InvariantCulture),
            ["Api__Key"] = TestHost.ApiKey,
            ["Api__AdminKey"] = TestHost.AdminKey,
            ["Links__SigningSecret"] = TestHost.SigningSecret,
            ["SendGrid__ApiKey"] = "SG.test-key",
            ["SendGrid__BaseUrl"] = sendGrid.BaseUrl,
            ["SendGrid__FromEmail"] = "no-reply@example.org",
            ["Digests__Enabled"] = "true",
            ["Digests__PollInterval"] = "00:00:05",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__DurableTask.AzureStorage"] = "Warning",
            ["Logging__LogLevel__DurableTask.Core"] = "Warning",
        };

        var outputs = new List<string>();
        var host = await HostProcess.StartAsync(environment, TimeSpan.FromSeconds(120));
        var faultsEnded = DateTime.UtcNow;
        var counts = new FaultCounts();
        try
        {
            using (var client = ClientFor(host, TestHost.ApiKey))
            {
                var request = JsonSerializer.Serialize(new
                {
                    directive = JsonDocument.Parse(TestDirectives.Json(number, issued, labels.Select(l => (l, due)).ToArray())).RootElement,
                    escalationPolicy = policy,
                });
                var imported = await client.PostAsync(FormattableString.Invariant($"/api/directives?secondsPerDay={secondsPerDay}"), TestDirectives.Content(request));
                report.Line($"Import: {(int)imported.StatusCode} {imported.StatusCode}");
                Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            }
            var start = Stopwatch.StartNew();
            TimeSpan At(double fraction) => TimeSpan.FromSeconds(ladderSeconds * fraction);

            // The SendGrid faults, on their own clock: a 500 stretch in the first half, a 429 stretch in the second, one dropped connection.
            // A stretch does not start while the host is frozen for a quiet Azurite kill (it would hit nobody), and the
            // freeze waits for a running stretch to end: both are waits on a flag, not guesses.
            var stretching = false;
            var frozen = false;
            // A stretch lasts F seconds from the first request it answers (a stretch while no notice is due would
            // test nothing): the faulty answer is set at the scheduled time, the clock starts with the first request.
            async Task StretchAsync(string what, Func<Func<DateTime>, Func<Reply>> replies)
            {
                while (Volatile.Read(ref frozen)) await Task.Delay(100);
                Volatile.Write(ref stretching, true);
                var end = DateTime.MaxValue;
                var before = sendGrid.Received;
                sendGrid.Fallback = replies(() => end == DateTime.MaxValue ? DateTime.UtcNow.AddSeconds(faultSeconds) : end);
                report.Line($"{start.Elapsed.TotalSeconds,6:0.0} s  SendGrid answers {what} from the next request on, for {faultSeconds} s");
                var bound = DateTime.UtcNow.AddSeconds(ladderSeconds);
                while (sendGrid.Received == before && DateTime.UtcNow < bound) await Task.Delay(50);
                end = DateTime.UtcNow.AddSeconds(faultSeconds);
                report.Line($"{start.Elapsed.TotalSeconds,6:0.0} s  first request answered {what}");
                await Task.Delay(end - DateTime.UtcNow);
                sendGrid.Fallback = Reply.Accepted;
                Volatile.Write(ref stretching, false);
                report.Line($"{start.Elapsed.TotalSeconds,6:0.0} s  SendGrid answers 202 again");
            }
            var span = 0.4 - (double)faultSeconds / ladderSeconds;
            var sendGridFaults = new List<(TimeSpan At, string What, Func<Task> Do)>
            {
                (At(0.1 + random.NextDouble() * Math.Max(0, span)), "500 stretch", () =>
                {
                    counts.ServerErrorStretches++;
                    return StretchAsync("500", _ => Reply.ServerError);
                }),
                // Retry-After says when the stretch ends, as a rate limit's reset would.
                (At(0.5 + random.NextDouble() * Math.Max(0, span)), "429 stretch", () =>
                {
                    counts.TooManyStretches++;
                    return StretchAsync("429 with Retry-After (the rest of the stretch)", end => () =>
                        Reply.TooMany(Math.Max(1, (int)Math.Ceiling((end() - DateTime.UtcNow).TotalSeconds)).ToString(CultureInfo.InvariantCulture)));
                }),
                (At(0.15 + random.NextDouble() * 0.45), "drop the connection of the next request", () =>
                {
                    sendGrid.DropNext();
                    report.Line($"{start.Elapsed.TotalSeconds,6:0.0} s  SendGrid will read the next request and drop its connection");
                    return Task.CompletedTask;
                }),
            };

            // The process faults, one after the other (a restart is awaited before the next fault). The first host kill
            // comes while the background import is starting the items (0.5-4 s after its 202): items are then started
            // after some of their steps came due, as in the measured run (issue 17).
            var processFaults = Enumerable.Range(0, hostKills)
                .Select(i => (At: i == 0 ? TimeSpan.FromSeconds(0.5 + random.NextDouble() * 3.5) : At(0.1 + random.NextDouble() * 0.75), Host: true))
                .Concat(Enumerable.Range(0, azuriteKills).Select(_ => (At: At(0.1 + random.NextDouble() * 0.75), Host: false)))
                .OrderBy(f => f.At).ToList();
            report.Line("Schedule (s after the import): " + string.Join(", ",
                sendGridFaults.Select(f => (f.At, f.What))
                    .Concat(processFaults.Select(f => (f.At, What: f.Host ? "kill -9 host" : "restart Azurite")))
                    .OrderBy(f => f.At).Select(f => $"{f.At.TotalSeconds:0.0} {f.What}")));

            var sendGridTask = Task.Run(async () =>
            {
                foreach (var fault in sendGridFaults.OrderBy(f => f.At))
                {
                    var wait = fault.At - start.Elapsed;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait);
                    await fault.Do();
                }
            });
            var azuriteRestarts = 0;
            foreach (var fault in processFaults)
            {
                var wait = fault.At - start.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                if (fault.Host)
                {
                    report.Line($"{start.Elapsed.TotalSeconds,6:0.0} s  kill -9 host (pid {host.ProcessId})");
                    var killed = host;
                    host = null!; // disposed: the finally below must not touch it again
                    await killed.KillAsync();
                    counts.HostKills++;
                    outputs.Add(killed.Output);
                    await killed.DisposeAsync();
                    host = await HostProcess.StartAsync(environment, TimeSpan.FromSeconds(120));
                    report.Line($"{start.Elapsed.TotalSeconds,6:0.0} s  host restarted (pid {host.ProcessId})");
                }
                else
                {
                    var hard = azuriteRestarts % 2 == 0;
                    if (hard)
                    {
                        while (Volatile.Read(ref stretching)) await Task.Delay(100);
                        Volatile.Write(ref frozen, true);
                    }
                    string how;
                    try { how = await RestartAzuriteAsync(azurite, host, hard); }
                    finally { Volatile.Write(ref frozen, false); }
                    azuriteRestarts++;
                    counts.AzuriteKills++;
                    report.Line($"{start.Elapsed.TotalSeconds,6:0.0} s  Azurite {how}, restarted on the same ports and folder (pid {azurite.ProcessId})");
                }
            }
            await sendGridTask;
            faultsEnded = DateTime.UtcNow;
            report.Line($"{start.Elapsed.TotalSeconds,6:0.0} s  last fault over");

            using var api = ClientFor(host, TestHost.ApiKey);
            using var admin = ClientFor(host, TestHost.AdminKey);
            admin.DefaultRequestHeaders.Add("x-operator", "chaos-test@example.org");

            // Settled: the import is done, no running item's outbox row is Pending, and every item has either ended
            // (Failed, Terminated, Completed) or has a terminal row for its last planned step.
            var lastStep = plan[^1].StepId;
            Snapshot snapshot;
            var settled = true;
            try
            {
                snapshot = await Eventually.GetAsync(() => SnapshotAsync(api, admin, id),
                    // (A Pending row of an item that ended stays Pending: nobody will move it; it is reported.)
                    s => s.ImportDone && s.Rows.All(r => r.State != "Pending" || s.Ended.ContainsKey(r.Key.Split('|')[0]))
                         && labels.All(l => s.Ended.ContainsKey($"{id}:{l}")
                                            || s.Rows.Any(r => r.Key == $"{id}:{l}|{lastStep}" && r.State is "Sent" or "Failed")),
                    TimeSpan.FromSeconds(drainSeconds), "every item to settle (every planned notice terminal or its item ended)");
            }
            catch (TimeoutException e)
            {
                settled = false;
                report.Line("NOT SETTLED: " + e.Message.Split('\n')[0]);
                snapshot = await SnapshotAsync(api, admin, id);
            }
            var drained = DateTime.UtcNow - faultsEnded;

            // The summary is written by the activities after the send: give it the time to catch up.
            var states = await ItemStatesAsync(api, id, labels);
            var summaryMatches = true;
            JsonElement summary = default;
            try
            {
                await Eventually.GetAsync(async () =>
                {
                    states = await ItemStatesAsync(api, id, labels);
                    summary = await api.GetFromJsonAsync<JsonElement>($"/api/summary?directive={id}");
                    return (states, summary);
                }, x => SummaryDifferences(x.states, x.summary).Count == 0, TimeSpan.FromSeconds(60), "the summary to match the orchestrations");
            }
            catch (TimeoutException)
            {
                summaryMatches = false;
            }

            var failedListing = await OperatorListingAsync(admin, id);
            Judge(report, planned, sendGrid.Requests, snapshot, states, summary, failedListing, counts, drained, settled, summaryMatches,
                outputs.Append(host.Output).ToList(), seed);
        }
        finally
        {
            if (host is not null)
            {
                outputs.Add(host.Output);
                await host.DisposeAsync();
            }
            WriteLogs(report, outputs, seed);
        }
    }

    /// <summary>
    /// Stops Azurite while the host runs and starts it again on the same ports and folder. BRIEF §4:
    /// a kill -9 of Azurite right after a write can lose that write (it saves its in-memory state
    /// every 5 s), which real Azure Storage never does: the test would then blame the product for
    /// the emulator. So a hard kill (<paramref name="hard"/>) comes after a quiet moment: the host is
    /// frozen with SIGSTOP, Azurite's folder is left unchanged for a full save interval (nothing
    /// unsaved remains), Azurite is killed with SIGKILL, the host thawed (SIGCONT) and so finds the
    /// storage gone, and Azurite restarted. The other restarts stop it the way SIGTERM does (it saves
    /// first) while the host keeps running.
    /// </summary>
    private static async Task<string> RestartAzuriteAsync(RestartableAzurite azurite, HostProcess host, bool hard)
    {
        if (!hard)
        {
            var stopping = Stopwatch.StartNew();
            await azurite.StopAsync();
            await azurite.RestartAsync();
            return $"stopped (SIGTERM, saved; storage down {stopping.Elapsed.TotalSeconds:0.0} s)";
        }
        var frozenAt = DateTime.UtcNow;
        await SignalAsync(host.ProcessId, "STOP");
        bool quiet;
        try
        {
            quiet = await azurite.WaitUntilSavedAsync(frozenAt, TimeSpan.FromSeconds(30));
            await azurite.KillAsync();
        }
        finally
        {
            await SignalAsync(host.ProcessId, "CONT");
        }
        var down = Stopwatch.StartNew();
        await azurite.RestartAsync();
        return $"killed -9 after {(DateTime.UtcNow - frozenAt).TotalSeconds:0.0} s with the host frozen ({(quiet ? "its folder quiet for a save interval" : "NOT quiet within 30 s")}; " +
               $"storage down {down.Elapsed.TotalSeconds:0.0} s after the host was thawed)";
    }

    /// <summary>
    /// What an operator is shown of failed work: the admin list of failed instances (the operations
    /// page's "Tiến trình lỗi" table), whose failure reason names the notice key, and, where the host
    /// serves it, the list of notices of unknown delivery (GET /api/admin/notices/unknown, the
    /// operations page's section for them). An unknown-outcome key counts as told to an operator when
    /// it appears in either.
    /// </summary>
    private static async Task<string> OperatorListingAsync(HttpClient admin, string id)
    {
        var failed = await admin.GetStringAsync($"/api/admin/instances?status=Failed&prefix={Uri.EscapeDataString(id + ":")}&limit=1000");
        using var unknown = await admin.GetAsync("/api/admin/notices/unknown");
        if (!unknown.IsSuccessStatusCode) return failed;
        // Its notices carry instanceId and stepId: write each key out as the failure reasons do.
        var body = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var keys = body.TryGetProperty("notices", out var notices)
            ? notices.EnumerateArray().Select(n => n.GetProperty("instanceId").GetString() + "|" + n.GetProperty("stepId").GetString())
            : [];
        return failed + "\n" + string.Join("\n", keys);
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)])
            { UseShellExecute = false, RedirectStandardError = true })!;
        await kill.WaitForExitAsync();
    }

    private static HttpClient ClientFor(HostProcess host, string key)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    private sealed record PlannedNotice(string Label, string StepId, string Key);

    private sealed record Row(string Key, string Label, string StepId, string State, int Attempts, string? LastError, int? LastStatusCode,
        IReadOnlyList<string> Recipients)
    {
        public bool OutcomeUnknown => State == "Failed" && LastError?.Contains("outcome unknown", StringComparison.OrdinalIgnoreCase) == true;
    }

    private sealed record Snapshot(bool ImportDone, string ImportState, IReadOnlyList<Row> Rows, IReadOnlyDictionary<string, (string Status, string? Message)> Ended)
    {
        public override string ToString() =>
            $"import {ImportState}; {Rows.Count} outbox rows ({string.Join(", ", Rows.GroupBy(r => r.State).Select(g => $"{g.Key} {g.Count()}"))}); " +
            $"{Ended.Count} instances ended ({string.Join(", ", Ended.Values.GroupBy(v => v.Status).Select(g => $"{g.Key} {g.Count()}"))})";
    }

    private sealed class FaultCounts
    {
        public int HostKills, AzuriteKills, ServerErrorStretches, TooManyStretches;
    }

    private static async Task<Snapshot> SnapshotAsync(HttpClient api, HttpClient admin, string id)
    {
        var import = await api.GetFromJsonAsync<JsonElement>($"/api/directives/{id}/import");
        var importState = import.GetProperty("state").GetString() ?? "";
        var rows = new List<Row>();
        string? token = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/outbox?directive={id}&pageSize=1000" +
                (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            foreach (var n in page.GetProperty("notices").EnumerateArray())
            {
                var instance = n.GetProperty("instanceId").GetString()!;
                var step = n.GetProperty("stepId").GetString()!;
                rows.Add(new Row(instance + "|" + step, n.GetProperty("label").GetString()!, step, n.GetProperty("state").GetString()!,
                    n.GetProperty("attempts").GetInt32(),
                    n.TryGetProperty("lastError", out var err) && err.ValueKind == JsonValueKind.String ? err.GetString() : null,
                    n.TryGetProperty("lastStatusCode", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null,
                    new[] { "to", "cc" }.SelectMany(f => n.TryGetProperty(f, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [])
                        .Select(a => a.GetProperty("email").GetString()!.ToLowerInvariant()).ToList()));
            }
            token = page.TryGetProperty("continuationToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        } while (token is not null);

        var ended = new Dictionary<string, (string, string?)>();
        string? continuation = null;
        do
        {
            var list = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/instances?status=Failed,Terminated,Completed&prefix={Uri.EscapeDataString(id + ":")}&limit=1000" +
                (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
            foreach (var i in list.GetProperty("instances").EnumerateArray())
                ended[i.GetProperty("instanceId").GetString()!] = (i.GetProperty("runtimeStatus").GetString()!,
                    i.TryGetProperty("failureMessage", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null);
            continuation = list.TryGetProperty("continuation", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        } while (continuation is not null);
        return new Snapshot(importState == "done", importState, rows, ended);
    }

    private sealed record ItemSeen(string Label, string? RuntimeStatus, string? OrchestrationState, string? ReadModelState, DateTimeOffset? DueUtc,
        IReadOnlyList<string> CatchUps);

    /// <summary>Each item as the API shows it: its orchestration's runtime status and state (custom
    /// status), its read-model row's state, and the catch-up lines of its timeline.</summary>
    private static async Task<List<ItemSeen>> ItemStatesAsync(HttpClient api, string id, IReadOnlyList<string> labels)
    {
        var result = new ItemSeen[labels.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, labels.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var item = await api.ItemAsync(id, labels[i]);
            string? Text(JsonElement e, string a, string b) =>
                e.ValueKind == JsonValueKind.Object && e.TryGetProperty(a, out var x) && x.ValueKind == JsonValueKind.Object
                && x.TryGetProperty(b, out var y) && y.ValueKind == JsonValueKind.String ? y.GetString() : null;
            var runtime = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("runtimeStatus", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            DateTimeOffset? dueUtc = Text(item, "status", "dueUtc") is { } d ? DateTimeOffset.Parse(d, CultureInfo.InvariantCulture) : null;
            var catchUps = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("timeline", out var tl)
                ? tl.EnumerateArray().Select(t => t.TryGetProperty("detail", out var det) ? det.GetString() ?? "" : "").Where(s => s.Contains("catch-up")).ToList()
                : [];
            result[i] = new ItemSeen(labels[i], runtime, Text(item, "status", "state"), Text(item, "item", "state"), dueUtc, catchUps);
        });
        return result.ToList();
    }

    /// <summary>The summary's four counted categories against the orchestrations' states: "" when equal.</summary>
    private static List<string> SummaryDifferences(IReadOnlyList<ItemSeen> states, JsonElement summary)
    {
        var now = DateTimeOffset.UtcNow;
        string Category(ItemSeen s) => s.OrchestrationState?.ToLowerInvariant() switch
        {
            "completedontime" => "completedOnTime",
            "completedlate" => "completedLate",
            "overdue" => "overdue",
            "open" => s.DueUtc is { } d && now >= d ? "overdue" : "inProgressWithinDeadline",
            var other => "other:" + other,
        };
        var expected = states.GroupBy(Category).ToDictionary(g => g.Key, g => g.Count());
        var differences = new List<string>();
        if (summary.ValueKind != JsonValueKind.Object) return ["no summary"];
        var totals = summary.GetProperty("totals");
        foreach (var c in new[] { "completedOnTime", "completedLate", "inProgressWithinDeadline", "overdue" })
        {
            var got = totals.GetProperty(c).GetInt32();
            var want = expected.GetValueOrDefault(c);
            if (got != want) differences.Add($"{c}: summary {got}, orchestrations {want}");
        }
        foreach (var (c, n) in expected.Where(e => e.Key.StartsWith("other:", StringComparison.Ordinal)))
            differences.Add($"{n} item(s) with orchestration state {c[6..]}");
        return differences;
    }

    /// <summary>Counts, reports and asserts.</summary>
    private static void Judge(Report report, IReadOnlyList<PlannedNotice> planned, IReadOnlyList<RecordedRequest> requests, Snapshot snapshot,
        IReadOnlyList<ItemSeen> states, JsonElement summary, string failedListing, FaultCounts counts, TimeSpan drained, bool settled,
        bool summaryMatches, IReadOnlyList<string> outputs, int seed)
    {
        var rows = snapshot.Rows.ToDictionary(r => r.Key);
        // Delivered: answered 2xx, or dropped after being read (SendGrid may well have accepted it).
        var delivered = requests.Where(r => r.Dropped || r.AnsweredWith is >= 200 and < 300).ToList();
        var perKey = delivered.GroupBy(r => r.NoticeKey ?? "(no key)").ToDictionary(g => g.Key, g => g.ToList());
        var dropped = requests.Where(r => r.Dropped).Select(r => r.NoticeKey).ToList();
        var plannedKeys = planned.Select(p => p.Key).ToHashSet();
        var unknown = snapshot.Rows.Where(r => r.OutcomeUnknown).ToList();
        var unknownKeys = unknown.Select(r => r.Key).ToHashSet();
        var stateOf = states.ToDictionary(s => s.Label);

        string Describe(string key, string label, string step)
        {
            var row = rows.GetValueOrDefault(key);
            var item = stateOf.GetValueOrDefault(label);
            var ended = snapshot.Ended.GetValueOrDefault(key.Split('|')[0]);
            return $"{key}: step {step}, row {(row is null ? "none" : $"{row.State} attempts {row.Attempts} status {row.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} error {Short(row.LastError)}")}; " +
                   $"requests {requests.Count(r => r.NoticeKey == key)} ({string.Join("/", requests.Where(r => r.NoticeKey == key).Select(r => r.Dropped ? "dropped" : r.AnsweredWith.ToString(CultureInfo.InvariantCulture)))}); " +
                   $"instance {item?.RuntimeStatus ?? ended.Status ?? "?"}{(ended.Message is { } m ? " (" + Short(m) + ")" : "")}" +
                   (item?.CatchUps.Count > 0 ? "; timeline: " + string.Join(" / ", item.CatchUps) : "");
        }

        var missing = planned.Where(p => !perKey.ContainsKey(p.Key) && !unknownKeys.Contains(p.Key)).ToList();
        var twice = planned.Where(p => perKey.TryGetValue(p.Key, out var l) && l.Count > 1 && !unknownKeys.Contains(p.Key)).ToList();
        var once = planned.Count(p => perKey.TryGetValue(p.Key, out var l) && l.Count == 1);
        // Per recipient: every addressee of a delivered notice's row got it, and none twice.
        var recipientProblems = new List<string>();
        foreach (var p in planned.Where(p => perKey.ContainsKey(p.Key) && !unknownKeys.Contains(p.Key)))
        {
            var got = perKey[p.Key].SelectMany(r => r.Recipients).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
            var want = rows.TryGetValue(p.Key, out var row) ? row.Recipients : [];
            foreach (var a in want.Where(a => got.GetValueOrDefault(a) != 1))
                recipientProblems.Add($"{p.Key} → {a}: {got.GetValueOrDefault(a)} time(s)");
        }
        var unplanned = perKey.Keys.Where(k => !plannedKeys.Contains(k) && !k.StartsWith("digest-", StringComparison.Ordinal)).ToList();
        var digestTwice = perKey.Where(kv => kv.Key.StartsWith("digest-", StringComparison.Ordinal) && kv.Value.Count > 1).Select(kv => kv.Key).ToList();
        var digests = perKey.Keys.Count(k => k.StartsWith("digest-", StringComparison.Ordinal));
        var notVisible = unknown.Where(r => !failedListing.Contains(r.Key, StringComparison.Ordinal)).ToList();
        var failed = snapshot.Ended.Where(e => e.Value.Status == "Failed").ToList();
        var summaryDifferences = SummaryDifferences(states, summary);
        var readModelDifferences = states.Where(s => !string.Equals(s.OrchestrationState, s.ReadModelState, StringComparison.OrdinalIgnoreCase))
            .Select(s => $"{s.Label}: orchestration {s.OrchestrationState}, read model {s.ReadModelState}").ToList();

        report.Line("");
        report.Line("=== Figures ===");
        report.Line($"seed {seed}; settled {settled}; {snapshot}");
        report.Line($"notices planned {planned.Count}; delivered once {once}; delivered twice or more {twice.Count}; missing {missing.Count}; " +
                    $"unknown-outcome rows {unknown.Count} (not visible to an operator: {notVisible.Count}); unplanned keys delivered {unplanned.Count}; " +
                    $"recipient problems {recipientProblems.Count}");
        report.Line($"digests/reports delivered {digests} (twice: {digestTwice.Count}); requests to SendGrid {requests.Count} " +
                    $"({string.Join(", ", requests.GroupBy(r => r.Dropped ? "dropped" : r.AnsweredWith.ToString(CultureInfo.InvariantCulture)).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))})");
        report.Line($"host kills {counts.HostKills}; Azurite kills {counts.AzuriteKills}; 500 stretches {counts.ServerErrorStretches}; 429 stretches {counts.TooManyStretches}; " +
                    $"dropped connections {dropped.Count} ({string.Join(", ", dropped)})");
        report.Line($"tail drained {drained.TotalSeconds:0} s after the last fault; instances Failed {failed.Count}; summary matches the orchestrations: {summaryMatches}" +
                    (summaryDifferences.Count > 0 ? " (" + string.Join("; ", summaryDifferences) + ")" : "") +
                    $"; read model ≠ orchestration for {readModelDifferences.Count} item(s)");
        void List(string title, IEnumerable<string> lines)
        {
            var all = lines.ToList();
            if (all.Count == 0) return;
            report.Line($"--- {title} ({all.Count}) ---");
            foreach (var l in all.Take(200)) report.Line("  " + l);
            if (all.Count > 200) report.Line($"  … and {all.Count - 200} more");
        }
        // Not asserted, for whoever looks for causes: the shape of each item's ladder and a guess at why a key is missing.
        var steps = planned.Select(p => p.StepId).Distinct().ToList();
        var shapes = planned.GroupBy(p => p.Label).Select(g =>
        {
            var got = g.Select(p => perKey.ContainsKey(p.Key) || unknownKeys.Contains(p.Key)).ToList();
            var first = got.IndexOf(true);
            var last = got.LastIndexOf(true);
            return got.All(x => x) ? "every step"
                : first < 0 ? "no step"
                : got.Skip(first).Take(last - first + 1).All(x => x) ? (first > 0 && last < got.Count - 1 ? "missing first and last steps" : first > 0 ? "missing only first steps" : "missing only last steps")
                : "a hole in the middle";
        });
        List("items by shape of their ladder", shapes.GroupBy(x => x).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        string Cause(PlannedNotice p)
        {
            var item = stateOf.GetValueOrDefault(p.Label);
            var ended = snapshot.Ended.GetValueOrDefault(p.Key.Split('|')[0]);
            var row = rows.GetValueOrDefault(p.Key);
            var index = steps.IndexOf(p.StepId);
            var laterDelivered = planned.Where(q => q.Label == p.Label && steps.IndexOf(q.StepId) > index).Any(q => perKey.ContainsKey(q.Key));
            if (row is null && laterDelivered && item?.CatchUps.Count > 0) return "skipped by the first run's catch-up (a later step was sent; timeline says catch-up)";
            if (row is null && laterDelivered) return "skipped (a later step was sent, no row for this one)";
            if (ended.Status == "Failed" && ended.Message is { } m)
                return (row is null ? "never reached: " : $"row {row.State}, ") + "item Failed: " +
                       (m.Contains("outcome unknown", StringComparison.Ordinal) ? "an outcome-unknown notice failed it"
                        : m.Contains("Retry failed", StringComparison.Ordinal) || m.Contains("Connection refused", StringComparison.Ordinal) || m.Contains("Azure Storage", StringComparison.Ordinal) ? "a storage error in an activity failed it"
                        : m.Contains("gave up after", StringComparison.Ordinal) ? "SendGrid retries exhausted failed it"
                        : "other: " + Short(m));
            return row is null ? "no row, item " + (item?.RuntimeStatus ?? "?") : $"row {row.State}, item {item?.RuntimeStatus ?? "?"}";
        }
        // The first-run catch-up runs once per item (progress.Recorded); more than one catch-up line in a timeline
        // means the item's ladder started again from its first input.
        List("items whose first-run catch-up ran more than once", states.Where(x => x.CatchUps.Count > 1)
            .Select(x => $"{x.Label}: {string.Join(" / ", x.CatchUps)}"));
        List("outbox rows left Pending", snapshot.Rows.Where(r => r.State == "Pending").Select(r => Describe(r.Key, r.Label, r.StepId)));
        List("missing by probable cause", missing.GroupBy(Cause).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()}: {g.Key}"));
        List("missing by step", missing.GroupBy(p => p.StepId).Select(g => $"{g.Key}: {g.Count()}"));
        List("missing", missing.Select(p => Describe(p.Key, p.Label, p.StepId)));
        List("delivered twice by step", twice.GroupBy(p => p.StepId).Select(g => $"{g.Key}: {g.Count()}"));
        List("delivered twice", twice.Select(p => Describe(p.Key, p.Label, p.StepId)));
        List("unknown outcome", unknown.Select(r => Describe(r.Key, r.Label, r.StepId) + (notVisible.Contains(r) ? " — NOT in the admin list of failed instances" : " — listed for operators")));
        List("recipient problems", recipientProblems);
        List("unplanned keys delivered", unplanned);
        List("digests delivered twice", digestTwice);
        List("instances Failed", failed.Select(f => $"{f.Key}: {f.Value.Message}"));
        List("read model ≠ orchestration", readModelDifferences);
        var hostLines = outputs.SelectMany((o, run) => o.Split('\n').Where(Interesting).Select(l => $"[run {run + 1}] {l.Trim()}"));
        List("host output: warnings and errors", hostLines.Distinct().Take(150));

        Assert.True(settled, "Not every item settled within the bound; see the figures above.");
        Assert.Empty(missing.Select(p => p.Key));
        Assert.Empty(twice.Select(p => p.Key));
        Assert.Empty(recipientProblems);
        Assert.Empty(unplanned);
        Assert.Empty(digestTwice);
        Assert.Empty(notVisible.Select(r => r.Key));
        Assert.Empty(failed.Select(f => $"{f.Key}: {f.Value.Message}"));
        Assert.True(summaryMatches, "summary ≠ orchestrations: " + string.Join("; ", summaryDifferences));
    }

    private static bool Interesting(string line) =>
        line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal)
        || line.Contains("Discarding", StringComparison.Ordinal) || line.Contains("out of order", StringComparison.Ordinal)
        || line.Contains("was not sent", StringComparison.Ordinal) || line.Contains("outcome unknown", StringComparison.Ordinal)
        || line.Contains("Exception", StringComparison.Ordinal) && !line.TrimStart().StartsWith("at ", StringComparison.Ordinal);

    private static string Short(string? text) => text is null ? "-" : text.Length <= 300 ? text : text[..300] + "…";

    private static void WriteLogs(Report report, IReadOnlyList<string> outputs, int seed)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "chaos");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < outputs.Count; i++) File.WriteAllText(Path.Combine(folder, $"host-{seed}-run{i + 1}.log"), outputs[i]);
        var path = Path.Combine(folder, $"chaos-report-{seed}.txt");
        File.WriteAllText(path, report.ToString());
        report.Line($"Report and host logs in {folder}");
    }

    /// <summary>Lines for the test output (shown with the result) and for the report file.</summary>
    private sealed class Report(ITestOutputHelper output)
    {
        private readonly StringBuilder _all = new();

        public void Line(string line)
        {
            lock (_all) _all.AppendLine(line);
            try { output.WriteLine(line); } catch (InvalidOperationException) { } // after the test ended
            Console.WriteLine(line);
        }

        public override string ToString() { lock (_all) return _all.ToString(); }
    }
}
