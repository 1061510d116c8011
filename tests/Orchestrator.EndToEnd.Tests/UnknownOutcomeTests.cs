using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// A notice whose delivery is unknown (the call to SendGrid timed out: it may have been delivered)
/// is never sent again by itself and does not end the item's ladder: the item keeps running, the
/// notice waits on the operations list, and an operator's decision sends it once or records it.
/// </summary>
public sealed class UnknownOutcomeTests : IAsyncLifetime
{
    private FakeSendGrid _sendGrid = null!;
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGrid.StartAsync();
        var settings = TestHost.SendingTo(_sendGrid);
        settings["SendGrid:RequestTimeout"] = "00:00:01";
        _host = await TestHost.StartAsync(settings);
        _admin = new HttpClient { BaseAddress = _host.BaseAddress };
        _admin.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        _admin.DefaultRequestHeaders.Add("x-operator", "ops@example.org");
    }

    public async Task DisposeAsync()
    {
        _sendGrid.Release();
        _admin.Dispose();
        await _host.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    [Fact]
    public async Task A_notice_of_unknown_delivery_waits_for_an_operator_and_the_item_goes_on()
    {
        _sendGrid.Hold(); // SendGrid takes the call and never answers: the client gives up after 1 s
        var issued = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40);
        var id = TestDirectives.Id("9311", issued);
        await _host.ImportAsync(TestDirectives.Json("9311", issued, ("1", issued.AddDays(20)))); // overdue: one catch-up notice now
        var instanceId = $"{id}:1";

        var waiting = await Eventually.GetAsync(() => _admin.GetFromJsonAsync<JsonElement>("/api/admin/notices/unknown"),
            l => Keys(l).Any(k => k.StartsWith(instanceId + "|", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the notice to wait for a decision");
        var key = Keys(waiting).Single(k => k.StartsWith(instanceId + "|", StringComparison.Ordinal));
        var stepId = key[(instanceId.Length + 1)..];
        // The step was recorded and the ladder went on: the item runs, it did not fail.
        await _host.Client.WaitForStateAsync(id, "1", "Overdue");
        var instance = await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/instances/{Uri.EscapeDataString(instanceId)}");
        Assert.NotEqual("Failed", instance.GetProperty("runtimeStatus").GetString());
        Assert.Equal(1, _sendGrid.Received);

        _sendGrid.Release();
        var settle = $"/api/admin/notices/{Uri.EscapeDataString(instanceId)}/{Uri.EscapeDataString(stepId)}/settle";
        var noReason = await _admin.PostAsJsonAsync(settle, new { outcome = "resend" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());

        var resent = await _admin.PostAsJsonAsync(settle, new { outcome = "resend", reason = "Không thấy trong nhật ký SendGrid" });
        Assert.True(resent.IsSuccessStatusCode, await resent.Content.ReadAsStringAsync());
        Assert.Equal("Sent", (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(2, _sendGrid.Received); // the held call, and this one
        Assert.All(_sendGrid.Requests, r => Assert.Equal(key, Key(r)));

        var again = await _admin.PostAsJsonAsync(settle, new { outcome = "delivered", reason = "nhầm" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // settled already: nothing more is sent
        Assert.Equal(2, _sendGrid.Received);
        Assert.DoesNotContain(key, Keys(await _admin.GetFromJsonAsync<JsonElement>("/api/admin/notices/unknown")));
        var audit = await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/audit?date={DateTime.UtcNow:yyyy-MM-dd}");
        Assert.Contains("notice-resend", audit.GetRawText());
    }

    private static List<string> Keys(JsonElement list) => list.GetProperty("notices").EnumerateArray()
        .Select(n => n.GetProperty("instanceId").GetString() + "|" + n.GetProperty("stepId").GetString()).ToList();

    private static string Key(RecordedRequest r) => r.Body.GetProperty("custom_args").GetProperty("notice_key").GetString()!;
}
