using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Functions.Tests.Support;
using Orchestrator.Testing;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using ItemState = Orchestrator.Workflows.Items.ItemState;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Functions.Tests;

/// <summary>
/// Runs the Functions app's own orchestrator and activity wrappers on the Durable Task SDK's
/// in-process test host, with the worker's data converter and the services of the app's container
/// (tables in Azurite), from the import of the sample directive 6411 to an item's completion.
/// </summary>
public sealed class DurableWrapperTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Every_orchestrator_and_activity_of_the_catalog_has_exactly_one_wrapper()
    {
        Assert.Equal(WorkflowCatalog.Orchestrators.Keys.Order(), DurableWrappers.Orchestrators.Select(DurableWrappers.FunctionName).Order());
        Assert.Equal(WorkflowCatalog.Activities.Keys.Order(), DurableWrappers.Activities.Select(DurableWrappers.FunctionName).Order());
    }

    [Fact]
    public async Task An_imported_item_runs_through_the_apps_wrappers_from_import_to_completion()
    {
        using var app = FunctionsApp.Build(FunctionsApp.SampleSettings(await SharedAzurite.GetConnectionStringAsync(), TestNames.Unique("fn")));
        var converter = app.Provider.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        await using var host = await DurableTaskTestHost.StartAsync(
            registry => DurableWrappers.Register(registry, app.Provider),
            // The worker and client of the test host read and write payloads as the app's worker does.
            new DurableTaskTestHostOptions { ConfigureServices = services => services.AddSingleton(converter) });

        // Time compressed so that the chosen item's first step fires about three seconds after the import.
        var sample = DirectiveJson.Sample("6411-VPCP-KTTH");
        var item = FirstItemWithSteps(app.Provider, sample);
        var untilFirstStep = item.Steps[0].FireAtUtc - VietnamTime.At(sample.IssueDate!.Value, TimeOnly.MinValue);
        var imported = await app.Provider.GetRequiredService<DirectiveImporter>()
            .ImportAsync(host.Client, sample, new ImportOptions(SecondsPerDay: 3 / Math.Max(untilFirstStep.TotalDays, 0.1)));
        Assert.Equal(ImportOutcome.Created, imported.Outcome);
        var directiveId = imported.DirectiveId!;
        var instanceId = ItemInstanceId.For(directiveId, item.Label);
        var importedAt = DateTimeOffset.UtcNow;

        // RecordItem wrote the item; SendNotice sent a step (to the outbox only: no SendGrid key).
        var running = await Eventually.GetAsync(() => InstanceAsync(host.Client, instanceId),
            i => i?.ReadCustomStatusAs<ItemStatus>()?.LastStep is not null, Timeout, "a step");
        var status = running!.ReadCustomStatusAs<ItemStatus>()!;
        Assert.Equal(converter.Serialize(status), running.SerializedCustomStatus); // written by the app's converter
        var sentStep = status.LastStep!;
        Assert.Contains(sentStep, item.Steps.Select(s => s.StepId));
        Assert.NotNull(await app.Provider.GetRequiredService<OutboxStore>().GetAsync(instanceId, sentStep));

        // ReplanItem plans from the extended date; RecordEvent writes it into the read model.
        var items = app.Provider.GetRequiredService<ItemStore>();
        var extendedTo = item.DueDate!.Value.AddMonths(6);
        await host.Client.RaiseEventAsync(instanceId, ItemEvent.Name, Event(ItemEventKind.ExtensionGranted, importedAt) with { NewDueDate = extendedTo });
        await Eventually.GetAsync(() => items.GetAsync(directiveId, item.Label), r => r?.DueDate == extendedTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Timeout, "the extension in the read model");

        await host.Client.RaiseEventAsync(instanceId, ItemEvent.Name, Event(ItemEventKind.Completed, importedAt));
        using var cancel = new CancellationTokenSource(Timeout);
        var done = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var outcome = done.ReadOutputAs<ItemOutcome>()!;
        Assert.Equal(ItemState.CompletedOnTime, outcome.State);
        Assert.Equal(importedAt, outcome.EndedUtc);
        var record = await items.GetAsync(directiveId, item.Label);
        Assert.Equal(nameof(ItemState.CompletedOnTime), record!.State);
        Assert.Equal(instanceId, record.InstanceId);
        var timeline = (await items.GetTimelineAsync(instanceId)).Select(t => t.RowKey).ToList();
        Assert.Contains("assigned", timeline);
        Assert.Contains("step-" + sentStep, timeline);
        Assert.Equal(2, timeline.Count(k => k.StartsWith("event-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_large_directive_is_imported_in_the_background_through_the_apps_wrappers()
    {
        // The SDK's in-process test host dispatches at most Environment.ProcessorCount work items of
        // each kind at once and, when full, looks again only every 500 ms: on a 2-core machine it runs
        // about 4 work items a second, whatever they cost. 120 items (an episode to start, an activity,
        // an episode after it: ~360 work items) took 58-62 s there, 31 s with 4 processors declared and
        // 19 s with 8. So this test lowers the immediate limit through its setting and imports a dozen
        // items: the same importer, the same wrappers and the same batch activity, on the host's budget.
        var settings = FunctionsApp.SampleSettings(await SharedAzurite.GetConnectionStringAsync(), TestNames.Unique("fn"));
        settings["Import:ImmediateMaxItems"] = "5";
        using var app = FunctionsApp.Build(settings);
        var converter = app.Provider.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        DurableTaskClient? client = null;
        await using var host = await DurableTaskTestHost.StartAsync(
            registry => DurableWrappers.Register(registry, app.Provider, () => client!),
            new DurableTaskTestHostOptions { ConfigureServices = services => services.AddSingleton(converter) });
        client = host.Client;
        var importer = app.Provider.GetRequiredService<DirectiveImporter>();
        Assert.Equal(5, importer.ImmediateMaxItems);
        var count = importer.ImmediateMaxItems + 7;
        var issued = new DateOnly(2026, 1, 5);
        var directive = DirectiveJson.Read(TestDirectives.Json("9501", issued,
            Enumerable.Range(1, count).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 6, 30))).ToArray())).Directive!;

        var imported = await importer.ImportAsync(host.Client, directive, new ImportOptions());

        Assert.True(imported.InBackground);
        using var cancel = new CancellationTokenSource(Timeout);
        var import = await host.Client.WaitForInstanceCompletionAsync(DirectiveImportOrchestrator.InstanceIdFor(imported.DirectiveId!),
            getInputsAndOutputs: true, cancel.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, import.RuntimeStatus);
        Assert.Equal(new DirectiveImportProgress(count, count, 0, []), import.ReadOutputAs<DirectiveImportProgress>()! with { FailedLabels = [] });
        foreach (var label in new[] { "1", "6", count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            Assert.NotNull(await host.Client.GetInstanceAsync(ItemInstanceId.For(imported.DirectiveId!, label)));
    }

    [Fact]
    public async Task Steps_that_came_due_after_the_import_was_accepted_are_all_sent_however_late_the_item_first_runs()
    {
        using var app = FunctionsApp.Build(FunctionsApp.SampleSettings(await SharedAzurite.GetConnectionStringAsync(), TestNames.Unique("fn")));
        var converter = app.Provider.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        await using var host = await DurableTaskTestHost.StartAsync(
            registry => DurableWrappers.Register(registry, app.Provider),
            new DurableTaskTestHostOptions { ConfigureServices = services => services.AddSingleton(converter) });

        // An item of 2023 (every step in the past) whose import was accepted between its second and
        // third steps, and whose instance runs only now (a background import held up by crashes):
        // the catch-up stands for the second step; every later step was still ahead at acceptance.
        var sample = DirectiveJson.Sample("6411-VPCP-KTTH");
        var item = FirstItemWithSteps(app.Provider, sample);
        Assert.True(item.Steps.Count >= 4, "the test needs an item with at least four steps");
        var input = item with { AcceptedUtc = item.Steps[2].FireAtUtc.AddMinutes(-1) };
        var instanceId = ItemInstanceId.For(input.DirectiveId, input.Label);
        // The directive as an import stores it (its other items are not started: only this one matters).
        Assert.True(await app.Provider.GetRequiredService<DirectiveStore>().TryAddAsync(new DirectiveRecord
        {
            RowKey = input.DirectiveId, DocumentNumber = sample.DocumentNumber, Subject = sample.Subject, ImportedUtc = input.AcceptedUtc!.Value,
            ContentHash = "test", Json = DirectiveJson.Write(sample), ItemCount = sample.Items.Count,
        }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(ItemOrchestrator.Name, input, new StartOrchestrationOptions(instanceId));

        var outbox = app.Provider.GetRequiredService<OutboxStore>();
        var expected = item.Steps.Skip(1).Select(s => s.StepId).ToList();
        var last = expected[^1];
        await Eventually.GetAsync(() => outbox.GetAsync(instanceId, last), row => row is not null, Timeout, "the last step's notice");
        var sent = (await outbox.ListPageAsync(input.DirectiveId, input.Label, pageSize: 100)).Items.Select(n => n.StepId).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
    }

    /// <summary>The first item of the directive that has a due date and planned steps, as the importer will plan it.</summary>
    private static ItemWorkflowInput FirstItemWithSteps(IServiceProvider app, Directive directive)
    {
        var plan = app.GetRequiredService<DirectivePlanner>().Plan(directive);
        var planning = app.GetRequiredService<ItemPlanning>();
        var policy = app.GetRequiredService<EscalationPolicy>();
        var issued = directive.IssueDate!.Value;
        return plan.Items.Select(i => planning.InputFor(plan, i, policy, TimeScale.RealTime, issued))
            .First(i => i.DueDate is not null && i.Steps.Count > 0);
    }

    /// <summary>The item's instance; a failed orchestration (a wrapper that threw) stops the wait with its reason.</summary>
    private static async Task<OrchestrationMetadata?> InstanceAsync(DurableTaskClient client, string instanceId)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
            throw new InvalidOperationException($"{instanceId} failed: {instance.FailureDetails}");
        return instance;
    }

    private static ItemEvent Event(ItemEventKind kind, DateTimeOffset at) => new()
    {
        EventId = kind + "-" + Guid.NewGuid().ToString("N")[..8],
        Kind = kind,
        Actor = "chuyenvien@btc.gov.vn",
        AtUtc = at,
        Note = "Kiểm thử",
    };
}
