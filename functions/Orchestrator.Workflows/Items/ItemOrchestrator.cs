using Microsoft.DurableTask;
using Orchestrator.Domain.Deadlines;
using Microsoft.Extensions.Logging;
using Orchestrator.Workflows.Items.Activities;
using StatusCategories = Orchestrator.Domain.Escalation.StatusCategories;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// The life of one tracked item, from assignment to its end. It walks the item's planned steps in
/// time order (milestones, reminders, escalations), each on a durable timer, while listening for
/// what people do (complete, report progress, extend, withdraw, transfer). After every step or
/// event it continues as new with its progress, so history stays small however long the item runs.
/// Every decision uses the orchestration's clock and the frozen input only, so replays take the
/// same path; all I/O happens in activities.
/// </summary>
public sealed class ItemOrchestrator : TaskOrchestrator<ItemWorkflowInput, ItemOutcome?>
{
    public const string Name = nameof(ItemOrchestrator);

    /// <summary>
    /// Every activity of the item is retried on a durable timer when it fails for a passing cause
    /// (<see cref="PassingFailure"/>: storage down or slow, an Azurite restart, a throttled account),
    /// so an outage of a few minutes (5 s, then doubling to 2 min; about 9 minutes in all) delays
    /// steps instead of failing items. Any other failure, such as a notice SendGrid refused or kept
    /// failing past its own retries, fails the item at once: an operator replays it after looking.
    /// Retrying is safe because every activity is idempotent (the outbox sends a key at most once).
    /// </summary>
    internal static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 8, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2,
            maxRetryInterval: TimeSpan.FromMinutes(2))
        {
            HandleFailure = PassingFailure.Matches,
        });

    /// <summary>A logger that stays quiet while the orchestration replays, so each line is written once.</summary>
    private static ILogger Log(TaskOrchestrationContext context) => context.CreateReplaySafeLogger<ItemOrchestrator>();

    public override async Task<ItemOutcome?> RunAsync(TaskOrchestrationContext context, ItemWorkflowInput input)
    {
        var progress = input.Progress;
        var skipped = 0;
        if (!progress.Recorded)
        {
            await context.CallActivityAsync<bool>(RecordItemActivity.Name, input, ActivityRetry);
            progress = SkipMissedSteps(context, input, progress with { Recorded = true }, out skipped);
        }
        context.SetCustomStatus(ItemStatusOf(context, input, progress));
        var nextEvent = context.WaitForExternalEvent<ItemEvent>(ItemEvent.Name);
        ItemEvent? arrived;
        if (progress.NextStep < input.Steps.Count)
        {
            var step = input.Steps[progress.NextStep];
            arrived = await WaitUntilAsync(context, step.FireAtUtc, nextEvent);
            if (arrived is null)
            {
                var level = Math.Max(progress.Level, step.Level);
                var outcome = await context.CallActivityAsync<NoticeOutcome>(SendNoticeActivity.Name, new NoticeStep(
                    input.DirectiveId, input.Label, step, input.DueDate, progress.LeadCode, skipped, context.CurrentUtcDateTime, input.Plan,
                    LevelAfter: level, LinkEpoch: progress.Transfers), ActivityRetry);
                ItemLog.StepFired(Log(context), context.InstanceId, StepKeys.For(input.Plan, step.StepId), step.Level, outcome?.State ?? "unknown");
                progress = progress with
                {
                    NextStep = progress.NextStep + 1,
                    Level = level,
                    LastStep = StepKeys.For(input.Plan, step.StepId),
                    AgencyInCharge = outcome?.AgencyInCharge ?? progress.AgencyInCharge,
                };
                // An event that came while the notice was being sent was handed to the waiter above,
                // not buffered, so ContinueAsNew would not carry it over: apply it now.
                if (nextEvent.IsCompletedSuccessfully) return await ApplyAsync(context, input, progress, await nextEvent);
                return ContinueWith(context, input, progress);
            }
        }
        else
        {
            // Every step has fired: the item stays open until someone acts on it.
            arrived = await nextEvent;
        }

        return await ApplyAsync(context, input, progress, arrived);
    }

    /// <summary>
    /// Catch-up, on an item's first run only: when it is imported after several of its steps are
    /// due, only the last of them is sent: one notice at the level reached, never a burst. Only steps
    /// already due when the import was accepted count as missed: those that came due afterwards,
    /// before the instance first ran (a long background import, a host killed meanwhile), are all
    /// sent in order, like steps that come due while a host is down.
    /// </summary>
    private static ItemProgress SkipMissedSteps(TaskOrchestrationContext context, ItemWorkflowInput input,
        ItemProgress progress, out int skipped)
    {
        skipped = 0;
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var missedBy = input.AcceptedUtc is { } accepted && accepted < now ? accepted : now;
        while (progress.NextStep + 1 < input.Steps.Count && input.Steps[progress.NextStep + 1].FireAtUtc <= missedBy)
        {
            progress = progress with { NextStep = progress.NextStep + 1 };
            skipped++;
        }
        return progress;
    }

    /// <summary>
    /// Waits for <paramref name="fireAt"/> or the next event, whichever comes first. Timers on the
    /// Azure Storage backend can fire up to a second early, so the timer is re-armed while the
    /// orchestration clock is still before the instant: a step never acts before its time.
    /// </summary>
    private static async Task<ItemEvent?> WaitUntilAsync(TaskOrchestrationContext context, DateTimeOffset fireAt,
        Task<ItemEvent> nextEvent)
    {
        while (context.CurrentUtcDateTime < fireAt.UtcDateTime)
        {
            using var cancelTimer = new CancellationTokenSource();
            var timer = context.CreateTimer(fireAt.UtcDateTime, cancelTimer.Token);
            if (await Task.WhenAny(nextEvent, timer) == nextEvent)
            {
                cancelTimer.Cancel();
                return await nextEvent;
            }
        }
        return null;
    }

    private static async Task<ItemOutcome?> ApplyAsync(TaskOrchestrationContext context, ItemWorkflowInput input,
        ItemProgress progress, ItemEvent e)
    {
        if (e.EventId == progress.LastEventId) return ContinueWith(context, input, progress);
        progress = progress with { LastEventId = e.EventId };
        ItemLog.EventApplied(Log(context), context.InstanceId, e.Kind, e.EventId);

        // The API checks a link's epoch when it is used, but the epoch advances only when the
        // transfer is recorded here; a link of the old agency used in between is caught now, as
        // events are applied in order.
        if (e.LinkEpoch is { } linkEpoch && linkEpoch < progress.Transfers)
        {
            await context.CallActivityAsync<bool>(RecordEventActivity.Name, new EventApplied(input.DirectiveId, input.Label, e,
                CurrentState(context, input, progress), progress.LeadCode, input.DueDate, input.DueUtc, progress.Level,
                RefusedAfterTransferTo: progress.LeadCode, AgencyInCharge: progress.AgencyInCharge), ActivityRetry);
            return ContinueWith(context, input, progress);
        }

        switch (e.Kind)
        {
            case ItemEventKind.Completed:
            {
                var onTime = input.DueUtc is not { } due || StatusCategories.IsOnTime(e.AtUtc, due);
                return await EndAsync(context, input, progress, e, onTime ? ItemState.CompletedOnTime : ItemState.CompletedLate);
            }
            case ItemEventKind.Withdrawn:
                return await EndAsync(context, input, progress, e, ItemState.Withdrawn);

            case ItemEventKind.ExtensionGranted when e.NewDueDate is { } newDue:
            {
                // Re-plan reminders and escalation from the new date (in an activity: the plan
                // depends on calendar data, which must not change under a replay). The new plan has
                // the next plan number, so its steps have keys of their own: the outbox sends each
                // of its notices once although the step ids repeat the earlier plan's.
                var plan = await context.CallActivityAsync<ItemReplan>(ReplanItemActivity.Name,
                    new ReplanRequest(input.DirectiveId, input.Label, newDue, input.Policy, input.Time, context.CurrentUtcDateTime), ActivityRetry);
                // An item without a due date that gets one leaves its check-ins for the dated ladder.
                input = input with { DueDate = plan.DueDate, DueUtc = plan.DueUtc, Steps = plan.Steps, Plan = input.Plan + 1, CheckInEveryMonths = null, DueDateSet = true };
                progress = progress with { NextStep = 0, Level = 0, LastStep = null };
                await RecordAsync(context, input, progress, e);
                return ContinueWith(context, input, progress);
            }
            case ItemEventKind.CalendarChanged when input.DueDate is { } calendarDue:
            {
                // A year's holiday schedule changed: the same re-plan as an extension, from the same
                // due date (which the activity re-rolls from the words if the words gave it), with
                // the calendar as the activity now reads it. A new plan number gives the new steps
                // keys of their own; steps already past are left out, so none is sent twice. The
                // escalation level reached stays.
                var plan = await context.CallActivityAsync<ItemReplan>(ReplanItemActivity.Name,
                    new ReplanRequest(input.DirectiveId, input.Label, calendarDue, input.Policy, input.Time, context.CurrentUtcDateTime,
                        RerollFromWords: !input.DueDateSet), ActivityRetry);
                input = input with { DueDate = plan.DueDate, DueUtc = plan.DueUtc, Steps = plan.Steps, Plan = input.Plan + 1 };
                progress = progress with { NextStep = 0 };
                await RecordAsync(context, input, progress, e);
                return ContinueWith(context, input, progress);
            }
            case ItemEventKind.ProgressReported when input.DueUtc is null && input.CheckInEveryMonths is { } every:
            {
                // A report answers the check-ins: the next round counts from today, as a new plan
                // (its keys differ from the last round's, so each notice is still sent once).
                var steps = await context.CallActivityAsync<IReadOnlyList<PlannedStep>>(PlanCheckInsActivity.Name,
                    new CheckInRequest(input.DirectiveId, input.Label, input.Policy, every, input.Time, context.CurrentUtcDateTime), ActivityRetry);
                input = input with { Steps = steps, Plan = input.Plan + 1 };
                progress = progress with { NextStep = 0, Level = 0, LastStep = null };
                await RecordAsync(context, input, progress, e);
                return ContinueWith(context, input, progress);
            }
            case ItemEventKind.DateRecorded when input.DueAfter is { } after && input.DueDate is null:
            {
                // What the date waited for happened: due that day plus the offset, rolled to a working
                // day (in the activity: calendar data must not change under a replay), and planned
                // from there. The day is the event's own, or the day it was recorded, in plan time.
                var day = (e.EventDate ?? input.Time.PlannedDay(e.AtUtc)).AddDays(after.OffsetDays ?? 0);
                var plan = await context.CallActivityAsync<ItemReplan>(ReplanItemActivity.Name,
                    new ReplanRequest(input.DirectiveId, input.Label, day, input.Policy, input.Time, context.CurrentUtcDateTime, RollToWorkingDay: true), ActivityRetry);
                input = input with { DueDate = plan.DueDate, DueUtc = plan.DueUtc, Steps = plan.Steps, Plan = input.Plan + 1, Kind = nameof(DeadlineKind.Date), DueDateSet = true };
                progress = progress with { NextStep = 0, Level = 0, LastStep = null };
                await RecordAsync(context, input, progress, e);
                return ContinueWith(context, input, progress);
            }
            case ItemEventKind.PartEnded when e.Part is { } part && input.Parts.Contains(part) && e.PartState is { } partState:
            {
                var ended = progress.EndedParts.Where(p => p.Label != part).Append(new PartStatus(part, partState, e.AtUtc)).ToList();
                progress = progress with { EndedParts = ended };
                await RecordAsync(context, input, progress, e);
                if (PartsCompletedAt(input, ended) is not { } completedAt) return ContinueWith(context, input, progress);
                // Every part has ended and at least one was completed (the others withdrawn): the
                // deliverable is complete when its last part was, on time if that was by its own date.
                var done = new ItemEvent
                {
                    EventId = "parts-" + e.EventId, Kind = ItemEventKind.Completed, Actor = "system", AtUtc = completedAt,
                    Note = $"all parts completed: {string.Join(", ", input.Parts)}",
                };
                var onTime = input.DueUtc is not { } partsDue || StatusCategories.IsOnTime(completedAt, partsDue);
                return await EndAsync(context, input, progress, done, onTime ? ItemState.CompletedOnTime : ItemState.CompletedLate);
            }
            case ItemEventKind.Transferred when !string.IsNullOrEmpty(e.ToAgency):
                progress = progress with { LeadCode = e.ToAgency, Transfers = progress.Transfers + 1, AgencyInCharge = e.ToAgency };
                await RecordAsync(context, input, progress, e);
                return ContinueWith(context, input, progress);

            default:
                // Progress reports, extension requests and refusals are recorded; the plan goes on.
                await RecordAsync(context, input, progress, e);
                return ContinueWith(context, input, progress);
        }
    }

    private static async Task<ItemOutcome?> EndAsync(TaskOrchestrationContext context, ItemWorkflowInput input,
        ItemProgress progress, ItemEvent e, ItemState state)
    {
        await context.CallActivityAsync<bool>(RecordEventActivity.Name,
            new EventApplied(input.DirectiveId, input.Label, e, state, progress.LeadCode, input.DueDate, input.DueUtc, progress.Level,
                AgencyInCharge: progress.AgencyInCharge), ActivityRetry);
        context.SetCustomStatus(new ItemStatus(state, input.DueDate, input.DueUtc, progress.Level, progress.LastStep, null, null)
        {
            Parts = PartsOf(input, progress),
        });
        Notify(context, input, e, state);
        ItemLog.Ended(Log(context), context.InstanceId, state, progress.Level);
        return new ItemOutcome(state, e.AtUtc, progress.Level);
    }

    /// <summary>
    /// Tells the items linked to this one that it ended: its deliverable (parent) in any case, the
    /// items whose date waits for it when it was completed. Sent from the orchestration (recorded in
    /// its history, so a replay does not send twice), with event ids derived from the ending event
    /// so that each receiver takes it once.
    /// </summary>
    private static void Notify(TaskOrchestrationContext context, ItemWorkflowInput input, ItemEvent e, ItemState state)
    {
        if (state is ItemState.CompletedOnTime or ItemState.CompletedLate)
        {
            foreach (var dependent in input.Dependents)
                context.SendEvent(ItemInstanceId.For(input.DirectiveId, dependent), ItemEvent.Name, new ItemEvent
                {
                    EventId = $"after-{input.Label}-{e.EventId}", Kind = ItemEventKind.DateRecorded, Actor = "system", AtUtc = e.AtUtc,
                    EventName = $"item {input.Label} completed", EventDate = input.Time.PlannedDay(e.AtUtc),
                });
        }
        if (input.Parent is { } parent)
            context.SendEvent(ItemInstanceId.For(input.DirectiveId, parent), ItemEvent.Name, new ItemEvent
            {
                EventId = $"part-{input.Label}-{e.EventId}", Kind = ItemEventKind.PartEnded, Actor = "system", AtUtc = e.AtUtc,
                Part = input.Label, PartState = state,
            });
    }

    /// <summary>When the last part was completed, once every part has ended with at least one completed; else null.</summary>
    private static DateTimeOffset? PartsCompletedAt(ItemWorkflowInput input, IReadOnlyList<PartStatus> ended)
    {
        if (input.Parts.Any(p => ended.All(x => x.Label != p))) return null;
        var completed = ended.Where(p => p.Ended is ItemState.CompletedOnTime or ItemState.CompletedLate).ToList();
        return completed.Count == 0 ? null : completed.Max(p => p.EndedUtc);
    }

    private static IReadOnlyList<PartStatus>? PartsOf(ItemWorkflowInput input, ItemProgress progress) =>
        input.Parts.Count == 0 ? null
            : input.Parts.Select(label => progress.EndedParts.FirstOrDefault(p => p.Label == label) ?? new PartStatus(label, null, null)).ToList();

    private static string? WaitingFor(ItemWorkflowInput input) =>
        input.DueAfter is not { } after || input.DueDate is not null ? null
            : after.Event is { Length: > 0 } name ? $"event \"{name}\"" : $"item {after.Item} completed";

    private static Task RecordAsync(TaskOrchestrationContext context, ItemWorkflowInput input, ItemProgress progress, ItemEvent e) =>
        context.CallActivityAsync<bool>(RecordEventActivity.Name, new EventApplied(input.DirectiveId, input.Label, e,
            CurrentState(context, input, progress), progress.LeadCode, input.DueDate, input.DueUtc, progress.Level,
            AgencyInCharge: progress.AgencyInCharge), ActivityRetry);

    private static ItemOutcome? ContinueWith(TaskOrchestrationContext context, ItemWorkflowInput input, ItemProgress progress)
    {
        context.ContinueAsNew(input with { Progress = progress with { Generation = progress.Generation + 1 } },
            preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>Overdue once escalated or past the deadline; an item without a deadline is never
    /// overdue, even when its unanswered check-ins have reached level 1.</summary>
    private static ItemState CurrentState(TaskOrchestrationContext context, ItemWorkflowInput input, ItemProgress progress) =>
        input.DueUtc is { } due && (progress.Level > 0 || !StatusCategories.IsOnTime(context.CurrentUtcDateTime, due))
            ? ItemState.Overdue
            : ItemState.Open;

    private static ItemStatus ItemStatusOf(TaskOrchestrationContext context, ItemWorkflowInput input, ItemProgress progress)
    {
        var next = progress.NextStep < input.Steps.Count ? input.Steps[progress.NextStep] : null;
        return new ItemStatus(CurrentState(context, input, progress), input.DueDate, input.DueUtc, progress.Level,
            progress.LastStep, next is null ? null : StepKeys.For(input.Plan, next.StepId), next?.FireAtUtc)
        {
            Parts = PartsOf(input, progress),
            WaitingFor = WaitingFor(input),
        };
    }
}

/// <summary>The item orchestration's log events (ids 4000-4099), written through the replay-safe logger.</summary>
internal static partial class ItemLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Item {InstanceId}: step {StepKey} (level {Level}) fired, notice {NoticeState}")]
    public static partial void StepFired(ILogger logger, string instanceId, string stepKey, int level, string noticeState);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Item {InstanceId}: event {Kind} ({EventId}) applied")]
    public static partial void EventApplied(ILogger logger, string instanceId, ItemEventKind kind, string? eventId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Item {InstanceId} ended {State} at level {Level}")]
    public static partial void Ended(ILogger logger, string instanceId, ItemState state, int level);
}
