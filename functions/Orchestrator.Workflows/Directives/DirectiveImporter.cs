using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Telemetry;

namespace Orchestrator.Workflows.Directives;

public sealed record ImportOptions(DateOnly? RebaseTo = null, double? SecondsPerDay = null, EscalationPolicy? Policy = null);

public enum ImportOutcome { Created, AlreadyImported, Changed, Invalid }

public sealed record ImportedItem(string Label, string InstanceId, string? DueDate, bool StartedNow);

/// <param name="InBackground">True when the items are started by a background import
/// (<see cref="DirectiveImportOrchestrator"/>) rather than before the answer; <paramref name="Items"/> is then empty.</param>
public sealed record ImportResult(ImportOutcome Outcome, string? DirectiveId, IReadOnlyList<ImportedItem> Items,
    IReadOnlyList<FieldError> Problems, IReadOnlyList<string> Differences, bool InBackground = false)
{
    /// <summary>What the directive was imported despite (an unknown coordinating agency), by field.</summary>
    public IReadOnlyList<FieldError> Warnings { get; init; } = [];

    /// <summary>How many items the directive tracks.</summary>
    public int ItemCount { get; init; } = Items.Count;
}

/// <summary>
/// Imports a directive: validates it, stores it, and starts one orchestration per tracked item
/// under an instance id derived from the directive and the label. The escalation policy (the
/// request's own or the configured default) is stored with the directive. Importing the same
/// directive again starts nothing new (except items a broken earlier import did not start, under
/// the stored policy); a changed one, or one posted with another policy, is refused with its differences.
/// A directive of at most <see cref="ImmediateMaxItems"/> items (setting <c>Import__ImmediateMaxItems</c>) has its items started before the
/// answer; a larger one is stored, then its items are started in the background by a
/// <see cref="DirectiveImportOrchestrator"/>, so the request answers in a few seconds whatever the size.
/// </summary>
public sealed class DirectiveImporter(DirectivePlanner planner, DirectiveStore store, ItemPlanning planning,
    EscalationPolicy defaultPolicy, TimeProvider clock, OrchestratorMetrics? metrics = null, ImportSettings? settings = null)
{
    /// <summary>How many items are started at once: enough to import thousands quickly, few enough not to flood storage.</summary>
    private const int StartParallelism = 32;

    /// <summary>Imports, in a trace span of its own, and records the duration and the items started.</summary>
    public async Task<ImportResult> ImportAsync(DurableTaskClient durable, Directive directive, ImportOptions options,
        CancellationToken cancellationToken = default)
    {
        using var span = OrchestratorTraces.Source.StartActivity("directive.import");
        span?.SetTag("directive.items", directive.Items.Count);
        var started = clock.GetTimestamp();
        var result = await ImportCoreAsync(durable, directive, options, cancellationToken);
        var outcome = result.Outcome.ToString();
        span?.SetTag("directive.id", result.DirectiveId);
        span?.SetTag("import.outcome", outcome);
        if (result.Outcome is ImportOutcome.Invalid or ImportOutcome.Changed) span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, outcome);
        metrics?.DirectiveImported(clock.GetElapsedTime(started), result.Items.Count(i => i.StartedNow), outcome);
        return result;
    }

    /// <summary>The most items a directive may have for its items to be started before the import answers (201).</summary>
    public int ImmediateMaxItems { get; } = settings?.ImmediateMaxItems ?? ImportSettings.DefaultImmediateMaxItems;

    private bool StartsInBackground(int items) => items > ImmediateMaxItems;

    private async Task<ImportResult> ImportCoreAsync(DurableTaskClient durable, Directive directive, ImportOptions options,
        CancellationToken cancellationToken)
    {
        // Plan validates first and throws every problem: validating apart as well would do that
        // work twice (a third of the request's time for a directive of thousands of items).
        var problems = new List<FieldError>();
        DirectivePlan? planned = null;
        try { planned = planner.Plan(directive); }
        catch (DirectiveValidationException e) { problems.AddRange(e.Problems.Select(p => new FieldError(p.Path, p.Message))); }
        problems.AddRange(CheckOptions(options));
        if (problems.Count > 0) return Invalid(problems);

        var plan = planned!;
        var json = DirectiveJson.Write(directive);
        var hash = ContentHash(json, options.Policy);

        // A directive stored already is re-imported as it was stored: same content, same policy.
        Task<ImportResult> ReimportAsync(DirectiveRecord existing) => existing.ContentHash != hash
            ? Task.FromResult(new ImportResult(ImportOutcome.Changed, plan.DirectiveId, [], [],
                Differences(store.PlanOf(existing), plan, existing.ShiftDays, PolicyDifference(existing, options.Policy))))
            : StartsInBackground(existing.ItemCount)
                ? StartInBackgroundAsync(durable, existing, ImportOutcome.AlreadyImported, cancellationToken)
                : StartAllAsync(durable, store.PlanOf(existing), existing, ImportOutcome.AlreadyImported, cancellationToken);

        if (await store.GetAsync(plan.DirectiveId) is { } stored) return await ReimportAsync(stored);

        var shift = options.RebaseTo is { } rebase ? rebase.DayNumber - directive.IssueDate!.Value.DayNumber : 0;
        var record = new DirectiveRecord
        {
            RowKey = plan.DirectiveId,
            DocumentNumber = directive.DocumentNumber,
            Subject = directive.Subject,
            ImportedUtc = clock.GetUtcNow(),
            ContentHash = hash,
            Json = json,
            ShiftDays = shift,
            SecondsPerDay = options.SecondsPerDay,
            ItemCount = plan.Items.Count,
            EscalationPolicy = PolicyJson.Write(options.Policy ?? defaultPolicy),
            PolicyFromRequest = options.Policy is not null,
        };
        var shifted = DirectiveShift.Apply(plan, shift);

        // Plan every item before storing anything: a step outside the calendar (past 2099) refuses the
        // whole import instead of leaving it half-started.
        try { _ = Inputs(shifted, record, 0, shifted.Items.Count); }
        catch (CalendarYearMissingException e)
        {
            return Invalid([new FieldError(options.RebaseTo is null ? "items" : "rebaseTo", e.Message)]);
        }

        bool added;
        try { added = await store.TryAddAsync(record); }
        catch (DirectiveTooLargeException e) { return Invalid([new FieldError("items", e.Message)]); }
        if (added)
            return StartsInBackground(record.ItemCount)
                ? await StartInBackgroundAsync(durable, record, ImportOutcome.Created, cancellationToken)
                : await StartAllAsync(durable, shifted, record, ImportOutcome.Created, cancellationToken);
        // Another import stored it meanwhile: what it stored (its policy too) is what counts.
        return await ReimportAsync(await store.GetAsync(plan.DirectiveId)
            ?? throw new InvalidOperationException($"Directive {plan.DirectiveId} was stored by another import but does not read back."));
    }

    private async Task<ImportResult> StartAllAsync(DurableTaskClient durable, DirectivePlan plan, DirectiveRecord record,
        ImportOutcome outcome, CancellationToken cancellationToken)
    {
        var inputs = Inputs(plan, record, 0, plan.Items.Count);
        var results = new ImportedItem[inputs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = StartParallelism, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var input = inputs[index];
                // A fresh import has no instances yet: start without looking first (one storage
                // round trip per item, not two). A repeated import looks, to start only what is missing.
                var startedNow = await StartAsync(durable, input, lookFirst: outcome != ImportOutcome.Created, ct);
                results[index] = new ImportedItem(input.Label, ItemInstanceId.For(input.DirectiveId, input.Label),
                    input.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), startedNow);
            });
        return new ImportResult(outcome, record.RowKey, results, [], [])
        {
            Warnings = plan.Warnings.Select(w => new FieldError(w.Path, w.Message)).ToList(),
        };
    }

    /// <summary>Starts the item's orchestration; with <paramref name="lookFirst"/>, only if it has none yet. True if it started it.</summary>
    private static async Task<bool> StartAsync(DurableTaskClient durable, ItemWorkflowInput input, bool lookFirst, CancellationToken ct)
    {
        var instanceId = ItemInstanceId.For(input.DirectiveId, input.Label);
        if (lookFirst && await durable.GetInstanceAsync(instanceId, ct) is not null) return false;
        await durable.ScheduleNewOrchestrationInstanceAsync(ItemOrchestrator.Name, input, new StartOrchestrationOptions(instanceId), ct);
        return true;
    }

    /// <summary>
    /// Hands the item starts to the directive's background import, unless one is running already.
    /// An ended one (a re-post) is started again: it skips every item started, and starts what an
    /// earlier run failed to.
    /// </summary>
    private static async Task<ImportResult> StartInBackgroundAsync(DurableTaskClient durable, DirectiveRecord record,
        ImportOutcome outcome, CancellationToken cancellationToken)
    {
        var instanceId = DirectiveImportOrchestrator.InstanceIdFor(record.RowKey);
        var existing = await durable.GetInstanceAsync(instanceId, cancellationToken);
        if (existing is null || existing.IsCompleted)
            await durable.ScheduleNewOrchestrationInstanceAsync(DirectiveImportOrchestrator.Name,
                new DirectiveImportInput(record.RowKey, record.ItemCount), new StartOrchestrationOptions(instanceId), cancellationToken);
        return new ImportResult(outcome, record.RowKey, [], [], [], InBackground: true) { ItemCount = record.ItemCount };
    }

    /// <summary>
    /// Starts one batch of a background import: the items of the stored directive from
    /// <see cref="ItemBatch.From"/> on, in plan order, each only if its orchestration does not
    /// exist (the batch may be run again after a crash). An item that fails to start is reported,
    /// not thrown, so the others of the batch still start.
    /// </summary>
    public async Task<ItemBatchOutcome> StartBatchAsync(DurableTaskClient durable, ItemBatch batch, CancellationToken cancellationToken = default)
    {
        var record = await store.GetAsync(batch.DirectiveId)
            ?? throw new InvalidOperationException($"Directive {batch.DirectiveId} is not stored: nothing to import.");
        var inputs = Inputs(await store.GetPlanAsync(batch.DirectiveId), record, batch.From, batch.Count);
        int started = 0, already = 0;
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(inputs,
            new ParallelOptions { MaxDegreeOfParallelism = StartParallelism, CancellationToken = cancellationToken },
            async (input, ct) =>
            {
                try
                {
                    if (await StartAsync(durable, input, lookFirst: true, ct)) Interlocked.Increment(ref started);
                    else Interlocked.Increment(ref already);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed.Add(input.Label);
                }
            });
        return new ItemBatchOutcome(started, already, failed.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The items' inputs under the policy stored with the directive, so a re-import starts
    /// missing items under the same policy as the first import, whatever the configuration says now.</summary>
    private List<ItemWorkflowInput> Inputs(DirectivePlan plan, DirectiveRecord record, int from, int count)
    {
        var time = record.SecondsPerDay is { } secondsPerDay
            ? new TimeScale(record.ShiftDays, secondsPerDay, record.ImportedUtc, plan.Directive.IssueDate!.Value.AddDays(record.ShiftDays))
            : new TimeScale(record.ShiftDays);
        var policy = record.EscalationPolicy is { } stored ? PolicyJson.Read(stored) : defaultPolicy;
        var start = plan.Directive.IssueDate!.Value.AddDays(record.ShiftDays);
        return plan.Items.Skip(from).Take(count)
            .Select(item => planning.InputFor(plan, item, policy, time, start) with { AcceptedUtc = record.ImportedUtc }).ToList();
    }

    /// <summary>Fastest compressed time (one day of the plan in 10 ms) and slowest (real time).</summary>
    public const double MinSecondsPerDay = 0.01, MaxSecondsPerDay = 86400;

    /// <summary>The import options out of their ranges, named as the API names them.</summary>
    public static IEnumerable<FieldError> CheckOptions(ImportOptions options)
    {
        if (options.SecondsPerDay is { } s && !(s >= MinSecondsPerDay && s <= MaxSecondsPerDay)) // NaN fails both
            yield return new("secondsPerDay", $"a number of seconds that one day of the plan lasts, from {MinSecondsPerDay} to {MaxSecondsPerDay}");
        if (options.RebaseTo is { } rebase && !DirectiveLimits.IsInRange(rebase))
            yield return new("rebaseTo", $"a date from {DirectiveLimits.EarliestDate:yyyy-MM-dd} to {DirectiveLimits.LatestDate:yyyy-MM-dd}");
        foreach (var problem in options.Policy?.Validate() ?? [])
            yield return new("escalationPolicy." + problem.Path, problem.Message);
    }

    /// <summary>
    /// What identifies an import request: the normalised directive and, when the request sets one,
    /// its escalation policy. A request without a policy hashes the directive alone, as rows stored
    /// before policies were hashed did, so re-posting those still matches.
    /// </summary>
    private static string ContentHash(string directiveJson, EscalationPolicy? requestPolicy)
    {
        var text = requestPolicy is null ? directiveJson : directiveJson + "\nescalationPolicy:" + PolicyJson.Write(requestPolicy);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>How the posted policy differs from the one the directive was imported with, in words; null if it does not.</summary>
    private static string? PolicyDifference(DirectiveRecord stored, EscalationPolicy? posted)
    {
        var storedPolicy = stored.PolicyFromRequest && stored.EscalationPolicy is { } json ? PolicyJson.Read(json) : null;
        return (storedPolicy, posted) switch
        {
            (null, null) => null,
            (null, not null) => "escalation policy: the directive was imported under the configured policy; this request sets its own",
            (not null, null) => "escalation policy: the directive was imported with its own policy; this request sets none " +
                                "(post the same escalationPolicy again)",
            var (before, after) when before == after => null,
            var (before, after) => "escalation policy changed: " + string.Join(", ", PolicyJson.ChangedFields(before, after!)),
        };
    }

    private static ImportResult Invalid(IReadOnlyList<FieldError> problems) => new(ImportOutcome.Invalid, null, [], problems, []);

    /// <summary>What a re-posted directive changes, item by item, in words an officer can check.</summary>
    private static List<string> Differences(DirectivePlan stored, DirectivePlan posted, int storedShift, string? policyDifference)
    {
        var differences = new List<string>();
        var before = DirectiveShift.Apply(stored, -storedShift).Items.ToDictionary(i => i.Label);
        var after = posted.Items.ToDictionary(i => i.Label);
        foreach (var label in before.Keys.Except(after.Keys).Order()) differences.Add($"item {label} removed");
        foreach (var label in after.Keys.Except(before.Keys).Order()) differences.Add($"item {label} added");
        foreach (var label in before.Keys.Intersect(after.Keys).Order())
        {
            var (a, b) = (before[label], after[label]);
            if (a.Text != b.Text) differences.Add($"item {label}: task text changed");
            if (a.LeadCode != b.LeadCode) differences.Add($"item {label}: lead {a.LeadAsWritten} → {b.LeadAsWritten}");
            if (a.Deadline.DueDate != b.Deadline.DueDate)
                differences.Add($"item {label}: due date {a.Deadline.DueDate:yyyy-MM-dd} → {b.Deadline.DueDate:yyyy-MM-dd}");
            if (a.Deadline.Phrase != b.Deadline.Phrase) differences.Add($"item {label}: deadline \"{a.Deadline.Phrase}\" → \"{b.Deadline.Phrase}\"");
        }
        var (sd, pd) = (stored.Directive, posted.Directive);
        if (sd.Subject != pd.Subject) differences.Add("subject changed");
        if (sd.Signer != pd.Signer) differences.Add("signer changed");
        if (!sd.Recipients.SequenceEqual(pd.Recipients)) differences.Add("recipients changed");
        if (policyDifference is not null) differences.Add(policyDifference);
        if (differences.Count == 0) differences.Add("the document differs in fields that do not change the tracked items");
        return differences;
    }
}
