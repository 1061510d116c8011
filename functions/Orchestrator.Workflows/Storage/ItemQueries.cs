using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Items;
using DomainState = Orchestrator.Domain.Escalation.ItemState;

namespace Orchestrator.Workflows.Storage;

public sealed record ItemFilter(string? DirectiveId = null, string? Agency = null, StatusCategory? Category = null,
    int? DueWithinDays = null, bool OverdueOnly = false);

/// <summary>An item as the API shows it, with its official status category computed for now.</summary>
public sealed record ItemView(string DirectiveId, string Label, string InstanceId, string Task, string LeadAsWritten,
    string AgencyInCharge, string AgencyInChargeName, string? DueDate, DateTimeOffset? DueUtc, string State, int Level,
    string? LastStep, bool Urgent, StatusCategory Category, DateTimeOffset? EndedUtc);

/// <summary>
/// The questions tracking officers ask of the read model: by directive, by agency, by status
/// category, overdue now, due within N days, and counts by agency in the four official categories.
/// Categories change with time (an open item becomes overdue when its deadline passes), so they
/// are computed when asked, from the stored state and deadline.
/// </summary>
public sealed class ItemQueries(TableStorage storage, TimeProvider clock)
{
    public async Task<IReadOnlyList<ItemView>> QueryAsync(ItemFilter filter)
    {
        var table = await storage.GetTableAsync(ItemStore.ItemsTable);
        var now = clock.GetUtcNow();
        var rows = filter.DirectiveId is { } directive
            ? table.QueryAsync<ItemRecord>(r => r.PartitionKey == directive)
            : table.QueryAsync<ItemRecord>();
        var views = new List<ItemView>();
        await foreach (var row in rows)
        {
            var view = ToView(row, now);
            if (filter.Agency is { Length: > 0 } agency && !string.Equals(view.AgencyInCharge, agency, StringComparison.OrdinalIgnoreCase)) continue;
            if (filter.Category is { } category && view.Category != category) continue;
            if (filter.OverdueOnly && view.Category != StatusCategory.Overdue) continue;
            if (filter.DueWithinDays is { } days &&
                !(view.Category == StatusCategory.InProgressWithinDeadline && view.DueUtc is { } due && due <= now.AddDays(days))) continue;
            views.Add(view);
        }
        return views.OrderBy(v => v.DirectiveId, StringComparer.Ordinal).ThenBy(v => v.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>Counts by agency in charge, in the four official categories (the others are not counted).</summary>
    public async Task<IReadOnlyList<AgencySummary>> SummaryAsync(string? directiveId = null)
    {
        var items = await QueryAsync(new ItemFilter(DirectiveId: directiveId));
        return items.Where(i => StatusCategories.IsCounted(i.Category))
            .GroupBy(i => (i.AgencyInCharge, i.AgencyInChargeName))
            .Select(g => new AgencySummary(g.Key.AgencyInCharge, g.Key.AgencyInChargeName,
                g.Count(i => i.Category == StatusCategory.CompletedOnTime),
                g.Count(i => i.Category == StatusCategory.CompletedLate),
                g.Count(i => i.Category == StatusCategory.InProgressWithinDeadline),
                g.Count(i => i.Category == StatusCategory.Overdue)))
            .OrderBy(s => s.Agency, StringComparer.Ordinal).ToList();
    }

    public static ItemView ToView(ItemRecord row, DateTimeOffset now)
    {
        var state = Enum.TryParse<Items.ItemState>(row.State, out var s) ? s : Items.ItemState.Open;
        var domainState = state switch
        {
            Items.ItemState.CompletedOnTime or Items.ItemState.CompletedLate => DomainState.Completed,
            Items.ItemState.Withdrawn => DomainState.Withdrawn,
            _ => DomainState.Open,
        };
        var kind = Enum.TryParse<DeadlineKind>(row.DeadlineKind, out var k) ? k : DeadlineKind.Date;
        var category = StatusCategories.Categorize(domainState, kind, row.DueUtc, row.EndedUtc, now);
        return new ItemView(row.PartitionKey, row.RowKey, row.InstanceId, row.Task, row.LeadAsWritten, row.AgencyInCharge,
            row.AgencyInChargeName, row.DueDate, row.DueUtc, row.State, row.Level, row.LastStep, row.Urgent, category, row.EndedUtc);
    }
}

public sealed record AgencySummary(string Agency, string AgencyName, int CompletedOnTime, int CompletedLate,
    int InProgressWithinDeadline, int Overdue);
