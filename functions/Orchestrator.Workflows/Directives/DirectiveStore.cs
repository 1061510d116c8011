using System.Collections.Concurrent;
using Azure.Data.Tables;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Directives;

/// <summary>
/// Stores imported directives and gives back their plan (the tracked items, shifted as they were
/// imported). Plans are cached: a stored directive never changes (amending is refused).
/// </summary>
public sealed class DirectiveStore(TableStorage storage, DirectivePlanner planner)
{
    public const string Table = "Directives";
    private readonly ConcurrentDictionary<string, DirectivePlan> _plans = new();

    public async Task<DirectiveRecord?> GetAsync(string directiveId)
    {
        var table = await storage.GetTableAsync(Table);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(DirectiveRecord.Partition, directiveId);
        return found.HasValue ? DirectiveContent.Read(found.Value!) : null;
    }

    /// <summary>Adds the directive; false when one with the same id is already there.</summary>
    public async Task<bool> TryAddAsync(DirectiveRecord record)
    {
        var table = await storage.GetTableAsync(Table);
        try
        {
            await table.AddEntityAsync(DirectiveContent.Write(record));
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<DirectivePlan> GetPlanAsync(string directiveId)
    {
        if (_plans.TryGetValue(directiveId, out var cached)) return cached;
        var record = await GetAsync(directiveId)
            ?? throw new InvalidOperationException($"Directive {directiveId} is not stored.");
        var plan = PlanOf(record);
        _plans.TryAdd(directiveId, plan);
        return plan;
    }

    public DirectivePlan PlanOf(DirectiveRecord record)
    {
        var (directive, problem) = DirectiveJson.Read(record.Json);
        if (directive is null) throw new InvalidOperationException($"Stored directive {record.RowKey} does not read: {problem}");
        return DirectiveShift.Apply(planner.Plan(directive), record.ShiftDays);
    }
}

/// <summary>
/// Moves every date of a planned directive's items by the same number of days (the demo's rebase).
/// The directive itself keeps its number and issue date: they are its identity and what notices cite.
/// </summary>
public static class DirectiveShift
{
    public static DirectivePlan Apply(DirectivePlan plan, int days)
    {
        if (days == 0) return plan;
        return plan with { Items = plan.Items.Select(i => Shift(i, days)).ToList() };
    }

    public static TrackedItem Shift(TrackedItem item, int days) => item with
    {
        Deadline = item.Deadline with
        {
            WordsDate = item.Deadline.WordsDate?.AddDays(days),
            DueDate = item.Deadline.DueDate?.AddDays(days),
        },
        Milestones = item.Milestones.Select(m => m with { Date = m.Date?.AddDays(days) }).ToList(),
    };
}
