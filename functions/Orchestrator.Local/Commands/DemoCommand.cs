using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Directives;

namespace Orchestrator.Local.Commands;

/// <summary>
/// <c>orchestrator demo [--seconds-per-day N] [--minutes M]</c>: runs the local host, imports the
/// sample directive 6411/VPCP-KTTH with its dates shifted to start today and its time compressed
/// (one day of the plan = N seconds, a property of each item's frozen input), and prints the
/// notices and events as they happen. One item is completed on time and one late along the way.
/// It uses its own task hub and tables, so it never touches other data.
/// </summary>
public sealed record DemoOptions(double SecondsPerDay, double Minutes);

public static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        var secondsPerDay = CliOptions.DecimalNumber("--seconds-per-day", "Seconds of real time per day of the plan (default 1)", 0, exclusiveMin: true);
        var minutes = CliOptions.DecimalNumber("--minutes", "How long the demo runs at most (default 6)", 0, exclusiveMin: true);
        return Verb.Create(cli, "demo", "Runs a local host, imports the sample directive with time compressed, and prints the notices as they go out",
            [secondsPerDay, minutes],
            parse => new DemoOptions(parse.GetValue(secondsPerDay) ?? 1, parse.GetValue(minutes) ?? 6),
            (options, c, _) => RunAsync(options, c.Out, c.Error));
    }

    public static async Task<int> RunAsync(DemoOptions options, TextWriter stdout, TextWriter stderr)
    {
        var (secondsPerDay, minutes) = options;
        await using var scratch = await ScratchHost.StartAsync("demo");
        var client = scratch.Client;

        var today = VietnamTime.Today(DateTimeOffset.UtcNow);
        stdout.WriteLine($"Demo: 6411/VPCP-KTTH moved to start {today:dd/MM/yyyy}, one day = {secondsPerDay} s (task hub {scratch.Name}).");
        var imported = await client.PostAsync($"/api/directives?rebaseTo={today:yyyy-MM-dd}&secondsPerDay={secondsPerDay.ToString(CultureInfo.InvariantCulture)}",
            new StringContent(DirectiveJson.SampleText("6411-VPCP-KTTH"), System.Text.Encoding.UTF8, "application/json"));
        var body = await imported.Content.ReadFromJsonAsync<JsonElement>();
        if (!imported.IsSuccessStatusCode)
        {
            stderr.WriteLine($"demo: import failed ({(int)imported.StatusCode}): {body}");
            return 1;
        }
        var directiveId = body.GetProperty("directiveId").GetString()!;
        stdout.WriteLine($"Imported {directiveId}: {body.GetProperty("items").GetArrayLength()} items tracked. Notices as they go out:");

        var clock = Stopwatch.StartNew();
        var seen = new HashSet<string>();
        var completedOnTime = false;
        var completedLate = false;
        var lastNotice = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromMinutes(minutes))
        {
            var outbox = await client.GetFromJsonAsync<JsonElement>($"/api/outbox?directive={directiveId}");
            foreach (var n in outbox.GetProperty("notices").EnumerateArray().OrderBy(n => n.GetProperty("createdUtc").GetDateTimeOffset()))
            {
                var label = n.GetProperty("label").GetString()!;
                var step = n.GetProperty("stepId").GetString()!;
                if (!seen.Add(label + "|" + step)) continue;
                lastNotice = clock.Elapsed;
                var to = string.Join(", ", n.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("email").GetString()));
                stdout.WriteLine($"[{clock.Elapsed:mm\\:ss}] {label,-12} {step,-24} → {to}  ({n.GetProperty("state").GetString()})");

                // Show the two ways an item ends: completed before its deadline, and after an escalation.
                if (!completedOnTime && step == "reminder-3wd")
                    completedOnTime = await CompleteAsync(client, directiveId, label, stdout, clock);
                else if (!completedLate && step == "escalation-2")
                    completedLate = await CompleteAsync(client, directiveId, label, stdout, clock);
            }
            // The ladders end with level 3 repeated every 14 days: a quiet month of plan time means all is sent.
            if (seen.Count > 0 && clock.Elapsed - lastNotice > TimeSpan.FromSeconds(Math.Max(10, 30 * secondsPerDay))) break;
            await Task.Delay(1000);
        }

        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/summary?directive={directiveId}");
        stdout.WriteLine("Summary by agency (on time / late / in progress / overdue):");
        foreach (var row in summary.GetProperty("agencies").EnumerateArray())
            stdout.WriteLine($"  {row.GetProperty("agencyName").GetString(),-40} {row.GetProperty("completedOnTime")} / {row.GetProperty("completedLate")} / " +
                             $"{row.GetProperty("inProgressWithinDeadline")} / {row.GetProperty("overdue")}");
        return 0;
    }

    private static async Task<bool> CompleteAsync(HttpClient client, string directiveId, string label, TextWriter stdout, Stopwatch clock)
    {
        var response = await client.PostAsJsonAsync($"/api/items/{directiveId}/{label}/complete",
            new { reportNumber = "123/BC-DEMO", note = "Đã hoàn thành (demo)", actor = "demo" });
        stdout.WriteLine($"[{clock.Elapsed:mm\\:ss}] {label,-12} completed by the demo ({(int)response.StatusCode})");
        return response.IsSuccessStatusCode;
    }
}
