using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Orchestrator.Testing;
using Orchestrator.Workflows.Telemetry;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// The service's metrics and traces on a real local host: a directive import and a notice that
/// SendGrid first throttles, then accepts, are counted on the meter "Orchestrator" and traced on
/// the activity source "Orchestrator".
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private static readonly DateOnly Issued = new(2026, 1, 5);
    private static readonly DateOnly Due = new(2026, 1, 30);
    private FakeSendGrid _sendGrid = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGrid.StartAsync();
        _host = await TestHost.StartAsync(TestHost.SendingTo(_sendGrid));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    [Fact]
    public async Task A_sent_notice_a_retry_and_the_import_are_counted_and_traced()
    {
        // This host's instruments only (each host makes its own through its IMeterFactory).
        var meters = _host.Services.GetRequiredService<IMeterFactory>();
        using var sent = new MetricCollector<long>(meters, "Orchestrator", "orchestrator.notices.sent");
        using var retried = new MetricCollector<long>(meters, "Orchestrator", "orchestrator.notices.retried");
        using var imports = new MetricCollector<double>(meters, "Orchestrator", "orchestrator.directive.import.duration");
        var id = TestDirectives.Id("9301", Issued);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Orchestrator",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Other tests' hosts share the process: keep this directive's spans.
                if ($"{activity.GetTagItem("directive.id")}{activity.GetTagItem("notice.key")}".Contains(id)) spans.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        _sendGrid.Script(Reply.TooMany("1"), Reply.Accepted());
        await _host.ImportAsync(TestDirectives.Json("9301", Issued, ("1", Due))); // its dates have passed: one catch-up notice
        await _host.Client.WaitForOutboxAsync(id, "1", n => n.Count == 1 && n[0].GetProperty("state").GetString() == "Sent", 30, "the notice to be sent");

        var notice = Assert.Single(await Eventually.GetAsync(() => Task.FromResult(sent.GetMeasurementSnapshot()), s => s.Count > 0,
            TimeSpan.FromSeconds(10), "the sent notice on the meter"));
        Assert.Equal(1, notice.Value);
        Assert.Equal("Escalation", notice.Tags["notice.kind"]);
        Assert.Equal(3, notice.Tags["notice.level"]);
        var retry = Assert.Single(retried.GetMeasurementSnapshot());
        Assert.Equal(429, retry.Tags["http.response.status_code"]);
        var import = Assert.Single(imports.GetMeasurementSnapshot());
        Assert.Equal("Created", import.Tags["import.outcome"]);
        Assert.True(import.Value > 0);

        // The item, overdue now, is in the gauge of items by category (read from the read model when collected).
        using var items = new MetricCollector<long>(meters, "Orchestrator", "orchestrator.items");
        _ = _host.Services.GetRequiredService<ItemCategoryGauge>(); // made by the meter provider when telemetry is exported
        await _host.Client.WaitForStateAsync(id, "1", "Overdue");
        items.RecordObservableInstruments();
        Assert.Contains(items.GetMeasurementSnapshot(), m => (string?)m.Tags["item.category"] == "overdue" && m.Value >= 1);

        Assert.Contains(spans, s => s.OperationName == "directive.import" && (string?)s.GetTagItem("directive.id") == id);
        Assert.Contains(spans, s => s.OperationName == "notice.send" && (bool?)s.GetTagItem("notice.sent_now") == true);
    }
}
