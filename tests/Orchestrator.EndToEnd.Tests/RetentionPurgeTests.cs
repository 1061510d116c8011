using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Testing;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// The nightly retention purge: items that ENDED more than N days ago lose their history (however
/// long ago they were created); running ones, failed ones and ones that ended since stay; the read model stays.
/// </summary>
public sealed class RetentionPurgeTests : IAsyncLifetime
{
    private const int Days = 30;
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private RetentionPurge Purge(DateTimeOffset now) => new(
        (AuditStore)_host.Services.GetService(typeof(AuditStore))!,
        new OperationsSettings { PurgeEndedAfterDays = Days },
        new FakeTimeProvider(now));

    [Fact]
    public async Task Purges_items_by_when_they_ended_not_by_when_they_were_created()
    {
        var issued = new DateOnly(2026, 1, 5);
        var id = TestDirectives.Id("9401", issued);
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40));
        // All four are created together; "done" and "stopped" end first, "late" ends after the cut-off.
        await _host.ImportAsync(TestDirectives.Json("9401", issued, ("done", due), ("stopped", due), ("late", due), ("open", due)));
        await _host.Client.WaitForStateAsync(id, "open", "Open");
        await _host.Client.WaitForStateAsync(id, "late", "Open");
        await _host.Client.PostJsonAsync($"/api/items/{id}/done/complete", new { reportNumber = "1/BC" });
        await _host.Client.WaitForStateAsync(id, "done", "CompletedOnTime");
        var durable = (DurableTaskClient)_host.Services.GetService(typeof(DurableTaskClient))!;
        var done = await Ended(durable, $"{id}:done", OrchestrationRuntimeStatus.Completed);
        await durable.TerminateInstanceAsync($"{id}:stopped", "test");
        var stopped = await Ended(durable, $"{id}:stopped", OrchestrationRuntimeStatus.Terminated);

        // The cut-off falls after the first two ended and before "late" ends (all were created before it).
        var cutOff = Max(done.LastUpdatedAt, stopped.LastUpdatedAt).AddTicks(1);
        await durable.TerminateInstanceAsync($"{id}:late", "test");
        var late = await Ended(durable, $"{id}:late", OrchestrationRuntimeStatus.Terminated);
        Assert.True(late.LastUpdatedAt > cutOff, "the test needs 'late' to end after the cut-off");
        Assert.True(late.CreatedAt < cutOff, "the test needs 'late' to be created before the cut-off");

        // Today nothing ended 30 days ago; 30 days after the cut-off, the two that ended before it did.
        Assert.Equal(0, await Purge(DateTimeOffset.UtcNow).RunAsync(durable));
        Assert.Equal(2, await Purge(cutOff.AddDays(Days)).RunAsync(durable));

        Assert.Null(await durable.GetInstanceAsync($"{id}:done"));
        Assert.Null(await durable.GetInstanceAsync($"{id}:stopped"));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await durable.GetInstanceAsync($"{id}:late"))!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await durable.GetInstanceAsync($"{id}:open"))!.RuntimeStatus);
        Assert.Equal("CompletedOnTime", (await _host.Client.ItemAsync(id, "done")).State()); // the read model keeps it

        // "late" goes once it too has been over for 30 days.
        Assert.Equal(1, await Purge(late.LastUpdatedAt.AddDays(Days).AddSeconds(1)).RunAsync(durable));
        Assert.Null(await durable.GetInstanceAsync($"{id}:late"));

        var audit = (AuditStore)_host.Services.GetService(typeof(AuditStore))!;
        var today = await audit.ReadDayAsync(DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains(today, e => e.Operator == RetentionPurge.Operator && e.Result == "2 purged");
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static Task<OrchestrationMetadata> Ended(DurableTaskClient durable, string instanceId, OrchestrationRuntimeStatus status) =>
        Eventually.GetAsync(async () => (await durable.GetInstanceAsync(instanceId))!, i => i?.RuntimeStatus == status,
            TimeSpan.FromSeconds(30), $"{instanceId} to be {status}");
}
