using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Testing;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests;

/// <summary>
/// The importer on a real directive table (Azurite) with a client that records what it starts:
/// which escalation policy each item is started under, first time and on a re-import.
/// </summary>
public sealed class DirectiveImporterTests
{
    private static readonly DateOnly Issued = new(2026, 1, 5);
    private static readonly DateOnly Due = new(2026, 1, 30);
    private static readonly EscalationPolicy Own = EscalationPolicy.Default with { ReminderDaysBefore = 10, Level3MaxRepeats = 1 };

    /// <summary>Records started instances; <see cref="Forget"/> plays an earlier import that broke before starting one.</summary>
    private sealed class RecordingClient() : DurableTaskClient("recording")
    {
        public Dictionary<string, ItemWorkflowInput> Started { get; } = [];
        public Dictionary<string, int> Starts { get; } = [];
        public List<(string Name, string InstanceId, object? Input)> Others { get; } = [];
        public HashSet<string> FailOn { get; } = [];
        public void Forget(string instanceId) => Started.Remove(instanceId);

        public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
            StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
        {
            var id = options!.InstanceId!;
            if (FailOn.Contains(id)) throw new InvalidOperationException("storage refused " + id);
            lock (Started)
            {
                if (input is ItemWorkflowInput item)
                {
                    Started[id] = item;
                    Starts[id] = Starts.GetValueOrDefault(id) + 1;
                }
                else Others.Add((orchestratorName.Name, id, input));
            }
            return Task.FromResult(id);
        }

        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false,
            CancellationToken cancellation = default)
        {
            lock (Started)
                return Task.FromResult(Started.ContainsKey(instanceId) ? new OrchestrationMetadata(ItemOrchestrator.Name, instanceId)
                    : Others.Any(o => o.InstanceId == instanceId) ? new OrchestrationMetadata(Others.Last(o => o.InstanceId == instanceId).Name, instanceId)
                        { RuntimeStatus = OrchestrationRuntimeStatus.Running }
                    : null);
        }

        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();
        public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_immediate_limit_is_a_setting_a_directive_over_it_starts_in_the_background()
    {
        var (store, importer) = await SetUpAsync(new ImportSettings { ImmediateMaxItems = 3 });
        var client = new RecordingClient();

        var result = await importer(EscalationPolicy.Default).ImportAsync(client, Many(4), new ImportOptions());

        Assert.True(result.InBackground);
        Assert.Empty(client.Started);
        Assert.Equal(DirectiveImportOrchestrator.Name, Assert.Single(client.Others).Name);
        Assert.NotNull(await store.GetAsync(ManyId));
    }

    private sealed record Setup(DirectiveStore Store, Func<EscalationPolicy, DirectiveImporter> Importer);

    private static async Task<Setup> SetUpAsync(ImportSettings? settings = null)
    {
        var connection = await SharedAzurite.GetConnectionStringAsync();
        var planner = new DirectivePlanner(Sample.Agencies, new DeadlineInterpreter(Sample.Calendar));
        var store = new DirectiveStore(new TableStorage(new TableServiceClient(connection), TestNames.Unique("d")), planner);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero));
        return new Setup(store, configured => new DirectiveImporter(planner, store, new ItemPlanning(Sample.Calendar), configured, clock, settings: settings));
    }

    private static Directive TwoItems() =>
        DirectiveJson.Read(TestDirectives.Json("9301", Issued, ("1", Due), ("2", Due))).Directive!;

    private static string Item2 => ItemInstanceId.For(TestDirectives.Id("9301", Issued), "2");

    [Fact]
    public async Task A_directive_imported_with_its_own_policy_stores_it_and_a_re_import_starts_missing_items_under_it()
    {
        var (store, importer) = await SetUpAsync();
        var client = new RecordingClient();

        var first = await importer(EscalationPolicy.Default).ImportAsync(client, TwoItems(), new ImportOptions(Policy: Own));
        Assert.Equal(ImportOutcome.Created, first.Outcome);
        Assert.All(client.Started.Values, i => Assert.Equal(Own, i.Policy));
        Assert.Equal(Own, PolicyJson.Read((await store.GetAsync(first.DirectiveId!))!.EscalationPolicy!));

        client.Forget(Item2);
        var again = await importer(EscalationPolicy.Default).ImportAsync(client, TwoItems(), new ImportOptions(Policy: Own));
        Assert.Equal(ImportOutcome.AlreadyImported, again.Outcome);
        Assert.Equal(Own, client.Started[Item2].Policy);
    }

    [Fact]
    public async Task A_re_import_under_another_policy_is_refused_as_a_change_and_starts_nothing()
    {
        var (_, importer) = await SetUpAsync();
        var client = new RecordingClient();
        await importer(EscalationPolicy.Default).ImportAsync(client, TwoItems(), new ImportOptions(Policy: Own));
        client.Forget(Item2);

        var withoutPolicy = await importer(EscalationPolicy.Default).ImportAsync(client, TwoItems(), new ImportOptions());
        Assert.Equal(ImportOutcome.Changed, withoutPolicy.Outcome);
        Assert.Contains(withoutPolicy.Differences, d => d.StartsWith("escalation policy", StringComparison.Ordinal));

        var otherPolicy = await importer(EscalationPolicy.Default).ImportAsync(client, TwoItems(),
            new ImportOptions(Policy: Own with { ReminderDaysBefore = 7 }));
        Assert.Equal(ImportOutcome.Changed, otherPolicy.Outcome);
        Assert.Contains("escalation policy changed: reminderDaysBefore 10 → 7", otherPolicy.Differences);

        Assert.False(client.Started.ContainsKey(Item2));
    }

    [Fact]
    public async Task A_re_import_after_the_configured_policy_changed_starts_missing_items_under_the_policy_of_the_first_import()
    {
        var (_, importer) = await SetUpAsync();
        var client = new RecordingClient();
        await importer(EscalationPolicy.Default).ImportAsync(client, TwoItems(), new ImportOptions());
        client.Forget(Item2);

        var again = await importer(Own).ImportAsync(client, TwoItems(), new ImportOptions());

        Assert.Equal(ImportOutcome.AlreadyImported, again.Outcome);
        Assert.Equal(EscalationPolicy.Default, client.Started[Item2].Policy);
    }

    private static Directive Many(int count) => DirectiveJson.Read(TestDirectives.Json("9302", Issued,
        Enumerable.Range(1, count).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), Due)).ToArray())).Directive!;

    private static string ManyId => TestDirectives.Id("9302", Issued);

    [Fact]
    public async Task A_directive_over_the_immediate_limit_is_stored_and_handed_to_one_background_import_without_starting_items()
    {
        var (store, importer) = await SetUpAsync();
        var client = new RecordingClient();
        var count = ImportSettings.DefaultImmediateMaxItems + 1;

        var result = await importer(EscalationPolicy.Default).ImportAsync(client, Many(count), new ImportOptions());

        Assert.Equal(ImportOutcome.Created, result.Outcome);
        Assert.True(result.InBackground);
        Assert.Equal(count, result.ItemCount);
        Assert.Empty(client.Started);
        Assert.NotNull(await store.GetAsync(ManyId));
        var import = Assert.Single(client.Others);
        Assert.Equal((DirectiveImportOrchestrator.Name, DirectiveImportOrchestrator.InstanceIdFor(ManyId)), (import.Name, import.InstanceId));
        Assert.Equal(new DirectiveImportInput(ManyId, count), import.Input);

        // Posted again while that import runs: the same import goes on, no second one.
        var again = await importer(EscalationPolicy.Default).ImportAsync(client, Many(count), new ImportOptions());
        Assert.Equal((ImportOutcome.AlreadyImported, true), (again.Outcome, again.InBackground));
        Assert.Single(client.Others);
    }

    [Fact]
    public async Task Batches_run_again_after_a_crash_start_only_what_they_had_not_started_and_together_start_every_item_once()
    {
        var (_, importer) = await SetUpAsync();
        var client = new RecordingClient();
        const int count = 250;
        var subject = importer(EscalationPolicy.Default);
        await subject.ImportAsync(client, Many(count), new ImportOptions());
        var size = DirectiveImportOrchestrator.BatchSizeFor(count);
        var batches = Enumerable.Range(0, (count + size - 1) / size).Select(b => new ItemBatch(ManyId, b * size, Math.Min(size, count - b * size))).ToList();

        var first = await subject.StartBatchAsync(client, batches[0]);
        // The host died while the batch ran: two of its items had not been started. The batch runs again.
        client.Forget(ItemInstanceId.For(ManyId, "5"));
        client.Forget(ItemInstanceId.For(ManyId, "50"));
        client.Starts.Remove(ItemInstanceId.For(ManyId, "5"));
        client.Starts.Remove(ItemInstanceId.For(ManyId, "50"));
        var rerun = await subject.StartBatchAsync(client, batches[0]);
        foreach (var batch in batches.Skip(1)) await subject.StartBatchAsync(client, batch);

        Assert.Equal(new ItemBatchOutcome(size, 0, []), first with { FailedLabels = [] });
        Assert.Empty(first.FailedLabels);
        Assert.Equal((2, size - 2), (rerun.Started, rerun.AlreadyStarted));
        Assert.Equal(Enumerable.Range(1, count).Select(i => ItemInstanceId.For(ManyId, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Order(),
            client.Started.Keys.Order());
        Assert.All(client.Starts.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task An_item_that_fails_to_start_is_reported_by_label_and_the_rest_of_its_batch_still_starts()
    {
        var (_, importer) = await SetUpAsync();
        var client = new RecordingClient();
        var subject = importer(EscalationPolicy.Default);
        await subject.ImportAsync(client, Many(120), new ImportOptions());
        client.FailOn.Add(ItemInstanceId.For(ManyId, "7"));

        var outcome = await subject.StartBatchAsync(client, new ItemBatch(ManyId, 0, 120));

        Assert.Equal(["7"], outcome.FailedLabels);
        Assert.Equal(119, outcome.Started);
    }
}
