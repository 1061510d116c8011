using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// What a genuine link may still do, beyond its signature and expiry:
/// <list type="bullet">
/// <item>A link works once. Its use is recorded (an insert that fails when the link was used) before
///   its event is raised; a second use raises nothing and answers 200 with <c>alreadyDone</c> and
///   the first use's event: the action the user wanted is done, and a double click is no error.</item>
/// <item>A link works only while the item's link epoch is the one it was signed with. The epoch
///   advances when the item ends or is transferred, so every earlier link then answers 410 Gone,
///   saying what happened. The new agency's links come with its next notice. A link used in the
///   moment between a transfer's acceptance and the epoch's advance raises its event with its
///   epoch, and the orchestration refuses it (<see cref="ItemEvent.LinkEpoch"/>).</item>
/// <item>A link works only while its item's instance can still act: one terminated (by an operator,
///   through our API or any other tool), completed or deleted answers 410 Gone too, whether or not
///   anything advanced the epoch. A failed or suspended instance keeps its links: an operator can
///   rewind or resume it.</item>
/// <item>At least once: when the use was recorded but the event may not have been raised (the raise
///   failed, the process stopped), the same link raises the recorded event again, with the same
///   event id (the timeline row is keyed by it), until it is known raised. Such a link is honoured
///   even if the epoch moved meanwhile: it was authorised when its use was recorded (the
///   orchestration still refuses it if a transfer was applied before it).</item>
/// </list>
/// </summary>
public sealed class ActionLinkRules(ActionLinkStore store, TimeProvider clock)
{
    /// <summary>The answer for a link that may not act any more (used, of an earlier epoch, or of an
    /// instance that has ended); null when it may act.</summary>
    public async Task<IResult?> RefusalAsync(DurableTaskClient durable, ActionClaims claims, string linkId)
    {
        var use = await store.GetUseAsync(claims.InstanceId, linkId);
        if (use is { Raised: true }) return AlreadyDone(claims, use);
        if (use is not null) return null;

        var epoch = await store.GetEpochAsync(claims.InstanceId);
        if ((epoch?.Epoch ?? 0) != claims.LinkEpoch) return Revoked(epoch);

        // Ends that are not the item's own events (an operator's terminate) do not advance the epoch:
        // the instance's state is the authority on whether the item can still act.
        var instance = await durable.GetInstanceAsync(claims.InstanceId);
        return instance is null || instance.RuntimeStatus is OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Completed
            ? Ended(instance)
            : null;
    }

    /// <summary>Records the link's use, then raises <paramref name="itemEvent"/> through
    /// <paramref name="raise"/>; once the raise answered 2xx the use is marked raised.</summary>
    public async Task<IResult> UseOnceAsync(ActionClaims claims, string linkId, ItemEvent itemEvent, Func<ItemEvent, Task<IResult>> raise)
    {
        var use = new LinkUseRecord
        {
            PartitionKey = claims.InstanceId,
            RowKey = ActionLinkStore.UseRow(linkId),
            Action = ActionTokens.ActionName(claims.Action),
            Recipient = claims.Recipient,
            EventId = itemEvent.EventId,
            EventJson = System.Text.Json.JsonSerializer.Serialize(itemEvent, WorkflowJson.Options),
            ReservedUtc = clock.GetUtcNow(),
        };
        if (!await store.TryReserveAsync(use))
        {
            use = await store.GetUseAsync(claims.InstanceId, linkId)
                ?? throw new InvalidOperationException($"The use of link {linkId} of {claims.InstanceId} vanished.");
            if (use.Raised) return AlreadyDone(claims, use);
        }

        var result = await raise(use.ReadEvent());
        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 }) await store.MarkRaisedAsync(use, clock.GetUtcNow());
        return result;
    }

    private static IResult AlreadyDone(ActionClaims claims, LinkUseRecord use) => ApiResults.Json(new
    {
        instanceId = claims.InstanceId,
        alreadyDone = true,
        action = use.Action,
        eventId = use.EventId,
        doneUtc = use.RaisedUtc ?? use.ReservedUtc,
        message = $"Đường dẫn này đã được sử dụng lúc {VietnamTime(use.RaisedUtc ?? use.ReservedUtc)}; không có gì thay đổi. " +
                  $"This link was already used at {VietnamTime(use.RaisedUtc ?? use.ReservedUtc)} (Vietnam time): nothing changed.",
    });

    private static IResult Revoked(LinkEpochRecord? epoch)
    {
        var detail = epoch switch
        {
            null => "Đường dẫn này không còn hiệu lực. This link no longer works: it was issued for an earlier state of the item.",
            { Ended: true } e when e.State is nameof(ItemState.CompletedOnTime) or nameof(ItemState.CompletedLate) =>
                $"Nhiệm vụ đã hoàn thành ngày {Day(e.AtUtc)}; đường dẫn này không còn hiệu lực. " +
                $"The item was completed on {Day(e.AtUtc)}: nothing more to do, this link no longer works.",
            { Ended: true } e =>
                $"Nhiệm vụ đã kết thúc ngày {Day(e.AtUtc)} ({e.State}); đường dẫn này không còn hiệu lực. " +
                $"The item ended on {Day(e.AtUtc)} ({e.State}); this link no longer works.",
            var e =>
                $"Nhiệm vụ đã được chuyển cho {e.ToAgencyName} ngày {Day(e.AtUtc)}; đường dẫn này không còn hiệu lực, " +
                $"{e.ToAgencyName} sẽ nhận đường dẫn mới trong thông báo tiếp theo. " +
                $"The item was transferred to {e.ToAgencyName} on {Day(e.AtUtc)}; this link no longer works. " +
                "The new agency gets links of its own with its next notice.",
        };
        return ApiResults.Problem(StatusCodes.Status410Gone, "The link no longer works", detail,
            extensions: new Dictionary<string, object?> { ["itemState"] = epoch?.State });
    }

    private static IResult Ended(OrchestrationMetadata? instance)
    {
        var detail = instance is null
            ? "Nhiệm vụ không còn được theo dõi; đường dẫn này không còn hiệu lực. " +
              "The item is no longer tracked (it was deleted): this link no longer works."
            : $"Nhiệm vụ đã kết thúc ngày {Day(instance.LastUpdatedAt)} ({instance.RuntimeStatus}); đường dẫn này không còn hiệu lực. " +
              $"The item has ended ({instance.RuntimeStatus} on {Day(instance.LastUpdatedAt)}): this link no longer works.";
        return ApiResults.Problem(StatusCodes.Status410Gone, "The link no longer works", detail,
            extensions: new Dictionary<string, object?> { ["runtimeStatus"] = instance?.RuntimeStatus.ToString() });
    }

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private static string Day(DateTimeOffset at) => at.ToOffset(Vietnam).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string VietnamTime(DateTimeOffset at) => at.ToOffset(Vietnam).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
}
