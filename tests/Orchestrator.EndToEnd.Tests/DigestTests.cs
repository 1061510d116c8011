using System.Text.Json.Nodes;
using Orchestrator.Domain.Common;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Digests on the local host: each agency gets one weekly digest (its items due within 14 days, each
/// with its signed links) and the tracking office one monthly report with the workbook attached,
/// once per period: a restart of the host, which runs the schedule again at once, sends none twice.
/// </summary>
public sealed class DigestTests
{
    private static readonly Dictionary<string, string?> DigestsOn = new()
    {
        ["Digests:Enabled"] = "true",
        ["Digests:PollInterval"] = "00:00:01",
    };

    [Fact]
    public async Task Each_agency_gets_one_weekly_digest_and_the_office_one_monthly_report_across_a_restart()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var settings = TestHost.SendingTo(sendGrid);
        foreach (var (k, v) in DigestsOn) settings[k] = v;
        var hub = TestNames.Unique("hub");
        var prefix = TestNames.Unique("t");
        var today = VietnamTime.Today(DateTimeOffset.UtcNow);
        var week = Orchestrator.Workflows.Digests.DigestKeys.Week(today);

        // Both items in the read model before any digest runs, so the first digest lists both.
        var off = new Dictionary<string, string?>(settings) { ["Digests:Enabled"] = "false" };
        await using (var before = await TestHost.StartAsync(off, hub, prefix))
        {
            var id = TestDirectives.Id("9711", today);
            await before.ImportAsync(TestDirectives.Json("9711", today, ("1", today.AddDays(7)), ("2", today.AddDays(9))));
            await before.Client.WaitForStateAsync(id, "1", "Open");
            await before.Client.WaitForStateAsync(id, "2", "Open");
        }

        await using (var first = await TestHost.StartAsync(settings, hub, prefix))
            await WaitForDigestAsync(sendGrid, $"digest-weekly:BTC|{week}");

        await using (var second = await TestHost.StartAsync(settings, hub, prefix))
        {
            // Another agency's item: its digest proves the restarted host has run the schedule again.
            await second.ImportAsync(LedBy(TestDirectives.Json("9712", today, ("1", today.AddDays(5))), "Bộ Y tế"));
            await WaitForDigestAsync(sendGrid, $"digest-weekly:BYT|{week}");
        }

        var digests = sendGrid.Requests.Where(r => r.AnsweredWith == 202).Select(r => (Key: Key(r), r.Body))
            .Where(r => r.Key.StartsWith("digest-", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, digests.Count(d => d.Key == $"digest-weekly:BTC|{week}"));
        Assert.Equal(1, digests.Count(d => d.Key == $"digest-weekly:BYT|{week}"));
        var btc = digests.Single(d => d.Key == $"digest-weekly:BTC|{week}").Body;
        Assert.Equal("btc.daumoi@example.org", btc.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        var text = btc.GetProperty("content")[0].GetProperty("value").GetString()!;
        Assert.Contains("mục 1", text);
        Assert.Contains("mục 2", text);
        Assert.Equal(6, text.Split("/act/").Length - 1); // three signed links per item

        var lastMonth = today.AddMonths(-1);
        var monthly = Assert.Single(digests, d => d.Key == $"digest-monthly:VPCP|{lastMonth:yyyy-MM}");
        var attachment = monthly.Body.GetProperty("attachments")[0];
        Assert.Equal($"bao-cao-{lastMonth:yyyy-MM}.xlsx", attachment.GetProperty("filename").GetString());
        Assert.Equal(digests.Count, digests.Select(d => d.Key).Distinct().Count());
    }

    private static string LedBy(string directiveJson, string lead)
    {
        var directive = JsonNode.Parse(directiveJson)!;
        foreach (var item in directive["items"]!.AsArray()) item!["lead"] = lead;
        return directive.ToJsonString();
    }

    private static Task WaitForDigestAsync(FakeSendGrid sendGrid, string key) =>
        Eventually.GetAsync(() => Task.FromResult(sendGrid.Requests.Count(r => r.AnsweredWith == 202 && Key(r) == key)),
            n => n >= 1, TimeSpan.FromSeconds(60), "the digest " + key);

    private static string Key(RecordedRequest r) =>
        r.Body.TryGetProperty("custom_args", out var args) && args.TryGetProperty("notice_key", out var key) ? key.GetString() ?? "" : "";
}
