using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Orchestrator.Testing;
using Orchestrator.Workflows.Admin;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>The nightly retention purge: ended items' history goes, running and failed ones stay, the read model stays.</summary>
public sealed class RetentionPurgeTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Purges_only_items_that_ended_before_the_retention_period()
    {
        var issued = new DateOnly(2026, 1, 5);
        var id = TestDirectives.Id("9401", issued);
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40));
        await _host.ImportAsync(TestDirectives.Json("9401", issued, ("done", due), ("stopped", due), ("open", due)));
        await _host.Client.WaitForStateAsync(id, "open", "Open");
        await _host.Client.PostJsonAsync($"/api/items/{id}/done/complete", new { reportNumber = "1/BC" });
        await _host.Client.WaitForStateAsync(id, "done", "CompletedOnTime");
        var durable = (DurableTaskClient)_host.Services.GetService(typeof(DurableTaskClient))!;
        await durable.TerminateInstanceAsync($"{id}:stopped", "test");
        await Eventually.GetAsync(() => durable.GetInstanceAsync($"{id}:stopped"), i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated,
            TimeSpan.FromSeconds(30), "the terminated item");

        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operations:PurgeEndedAfterDays"] = "30",
        }).Build();
        var audit = (AuditStore)_host.Services.GetService(typeof(AuditStore))!;
        // Today, nothing is old enough; 31 days from now, the two ended items are.
        Assert.Equal(0, await new RetentionPurge(audit, settings, TimeProvider.System).RunAsync(durable));
        var later = new RetentionPurge(audit, settings, new FixedClock(DateTimeOffset.UtcNow.AddDays(31)));
        Assert.Equal(2, await later.RunAsync(durable));

        Assert.Null(await durable.GetInstanceAsync($"{id}:done"));
        Assert.Null(await durable.GetInstanceAsync($"{id}:stopped"));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await durable.GetInstanceAsync($"{id}:open"))!.RuntimeStatus);
        Assert.Equal("CompletedOnTime", (await _host.Client.ItemAsync(id, "done")).State()); // the read model keeps it

        var today = await audit.ReadDayAsync(DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains(today, e => e.Operator == RetentionPurge.Operator && e.Result == "2 purged");
    }
}
