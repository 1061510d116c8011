using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Tests;

/// <summary>The parts of the admin code that need no backend: rules, rewind refusal, history lines, pacing.</summary>
public sealed class AdminUnitTests
{
    /// <summary>A client whose rewind and history are not supported, as some SDK clients answer.</summary>
    private sealed class NoRewindClient() : DurableTaskClient("stub")
    {
        public override Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default) =>
            throw new NotSupportedException("Rewind is not supported by this client.");
        public override Task<IList<DurableTask.Core.History.HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
            throw new NotSupportedException();
        public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new InvalidOperationException("boom");
        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotImplementedException();
        public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_backend_that_cannot_rewind_is_reported_as_unsupported_with_restart_suggested()
    {
        var outcome = await BulkRunner.ApplyAsync(new NoRewindClient(), AdminAction.Rewind, "d:1", "why", null, null);
        Assert.True(outcome.Unsupported);
        Assert.StartsWith("failed", outcome.Result);
        Assert.Contains("Use restart", outcome.Detail);
    }

    [Fact]
    public async Task Other_errors_become_a_failed_result_instead_of_an_exception()
    {
        var outcome = await BulkRunner.ApplyAsync(new NoRewindClient(), AdminAction.Suspend, "d:1", "why", null, null);
        Assert.False(outcome.Unsupported);
        Assert.Equal("failed: InvalidOperationException", outcome.Result);
        Assert.Equal("boom", outcome.Detail);
    }

    [Fact]
    public async Task History_through_a_client_without_support_says_it_is_not_available()
    {
        var history = await new ClientInstanceHistory().GetAsync(new NoRewindClient(), "d:1");
        Assert.False(history.Available);
        Assert.Contains("not available on this host", history.Note);
    }

    [Fact]
    public void History_events_become_readable_lines_that_name_the_activity_of_a_completion_or_failure()
    {
        const string json = """
            [{"EventType":0,"Name":"ItemOrchestrator","Input":"{}","EventId":-1,"Timestamp":"2025-06-01T00:00:00Z"},
             {"EventType":12,"EventId":-1,"Timestamp":"2025-06-01T00:00:01Z"},
             {"EventType":4,"Name":"RecordItemActivity","EventId":0,"Timestamp":"2025-06-01T00:00:01Z"},
             {"EventType":6,"TaskScheduledId":0,"Reason":"boom","Details":null,"EventId":-1,"Timestamp":"2025-06-01T00:00:02Z",
              "FailureDetails":{"ErrorType":"Azure.RequestFailedException","ErrorMessage":"The table specified does not exist."}},
             {"EventType":10,"FireAt":"2025-06-02T00:00:00Z","EventId":1,"Timestamp":"2025-06-01T00:00:03Z"}]
            """;
        var lines = HistoryTimeline.FromJson(json);
        Assert.Equal(["ExecutionStarted", "TaskScheduled", "TaskFailed", "TimerCreated"], lines.Select(l => l.Event));
        Assert.Equal("RecordItemActivity", lines[2].Name);
        Assert.Equal("Azure.RequestFailedException: The table specified does not exist.", lines[2].Detail);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 2, TimeSpan.Zero), lines[2].At);
        Assert.StartsWith("fires at 2025-06-02", lines[3].Detail);
    }

    [Theory]
    [InlineData(AdminAction.Rewind, OrchestrationRuntimeStatus.Failed, true)]
    [InlineData(AdminAction.Rewind, OrchestrationRuntimeStatus.Pending, false)]
    [InlineData(AdminAction.Restart, OrchestrationRuntimeStatus.Terminated, true)]
    [InlineData(AdminAction.Restart, OrchestrationRuntimeStatus.Running, false)]
    [InlineData(AdminAction.Purge, OrchestrationRuntimeStatus.Completed, true)]
    [InlineData(AdminAction.Purge, OrchestrationRuntimeStatus.Suspended, false)]
    [InlineData(AdminAction.Terminate, OrchestrationRuntimeStatus.Suspended, true)]
    [InlineData(AdminAction.Resume, OrchestrationRuntimeStatus.Running, false)]
    public void Actions_apply_only_to_the_statuses_they_make_sense_for(AdminAction action, OrchestrationRuntimeStatus status, bool applies) =>
        Assert.Equal(applies, AdminRules.WhySkipped(action, status) is null);

    [Fact]
    public void A_bulk_restart_selects_only_failures_unless_told_otherwise()
    {
        Assert.Equal([OrchestrationRuntimeStatus.Failed], AdminRules.BulkDefault(AdminAction.Restart));
        Assert.StartsWith("skipped (already running", AdminRules.WhySkipped(AdminAction.Restart, OrchestrationRuntimeStatus.Pending,
            AdminRules.BulkDefault(AdminAction.Restart)));
        Assert.NotNull(AdminRules.WhySkipped(AdminAction.Restart, OrchestrationRuntimeStatus.Completed, AdminRules.BulkDefault(AdminAction.Restart)));
    }

    [Fact]
    public async Task The_pacer_spaces_operations_to_the_configured_rate()
    {
        var pacer = new Pacer(new AdminOptions { BulkMaxPerSecond = 50 }, TimeProvider.System);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 26).Select(_ => pacer.WaitTurnAsync()));
        // 26 turns at 50/s: the last starts 25 × 20 ms = 0.5 s after the first.
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.45, 2.0);
    }
}
