using Azure.Data.Tables;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Reports;

/// <summary>
/// Builds a <see cref="MonthlyReport"/> from the read model as it stood at the end of the period.
/// The read model holds each item's state now; what happened after the report's instant is undone
/// from the timeline, whose rows carry when they happened: an item assigned later is left out, an
/// item completed or withdrawn later is still open (so in progress or overdue, by its deadline), an
/// extension granted later leaves the earlier due date, a transfer made later the earlier agency.
/// Every row is then categorised exactly as the summary does (<see cref="ItemQueries.ToView"/>) at
/// that instant, so the report and a summary taken then agree.
/// </summary>
public sealed class ReportBuilder(TableStorage storage, ItemStore store, TimeProvider clock)
{
    /// <param name="directiveId">Only this directive's items; null for all.</param>
    public async Task<MonthlyReport> BuildAsync(ReportPeriod period, string? directiveId = null, CancellationToken ct = default)
    {
        var asOf = period.AsOf(clock.GetUtcNow());
        var later = await LaterRowsAsync(asOf, directiveId, ct);
        var items = await storage.GetTableAsync(ItemStore.ItemsTable);
        var rows = directiveId is null
            ? items.QueryAsync<ItemRecord>(cancellationToken: ct)
            : items.QueryAsync<ItemRecord>(r => r.PartitionKey == directiveId, cancellationToken: ct);
        var views = new List<ItemView>();
        await foreach (var row in rows)
        {
            var asItWas = AsOf(row, asOf, later.GetValueOrDefault(row.InstanceId) ?? []);
            if (asItWas is not null) views.Add(ItemQueries.ToView(asItWas, asOf));
        }
        views = views.OrderBy(v => v.DirectiveId, StringComparer.Ordinal).ThenBy(v => v.Label, StringComparer.Ordinal).ToList();

        var counted = views.Where(v => StatusCategories.IsCounted(v.Category)).ToList();
        var agencies = counted.GroupBy(v => (v.AgencyInCharge, v.AgencyInChargeName))
            .Select(g => Row(g.Key.AgencyInCharge, g.Key.AgencyInChargeName, g))
            .OrderBy(r => r.Agency, StringComparer.Ordinal).ToList();

        var asOfDay = VietnamTime.Today(asOf.AddTicks(-1));
        var overdue = new List<ReportOverdueItem>();
        foreach (var v in counted.Where(v => v.Category == StatusCategory.Overdue))
        {
            var due = DateOnly.Parse(v.DueDate!, System.Globalization.CultureInfo.InvariantCulture);
            overdue.Add(new ReportOverdueItem(v.DirectiveId, v.Label, v.Task, v.AgencyInCharge, v.AgencyInChargeName, due,
                asOfDay.DayNumber - due.DayNumber, await LastEventAsync(v.InstanceId, asOf)));
        }

        var next = period.NextMonth;
        var dueNext = views
            .Where(v => v.EndedUtc is null && v.DueDate is not null
                        && DateOnly.Parse(v.DueDate, System.Globalization.CultureInfo.InvariantCulture) is var d && d >= next.From && d <= next.To)
            .Select(v => new ReportDueItem(v.DirectiveId, v.Label, v.Task, v.AgencyInCharge, v.AgencyInChargeName,
                DateOnly.Parse(v.DueDate!, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(i => i.DueDate).ThenBy(i => i.DirectiveId, StringComparer.Ordinal).ThenBy(i => i.Label, StringComparer.Ordinal)
            .ToList();

        return new MonthlyReport(period, directiveId, asOf, agencies, Row("", "Tổng cộng", counted),
            overdue.OrderByDescending(o => o.DaysOverdue).ThenBy(o => o.DirectiveId, StringComparer.Ordinal).ThenBy(o => o.Label, StringComparer.Ordinal).ToList(),
            dueNext);
    }

    private static ReportAgencyRow Row(string code, string name, IEnumerable<ItemView> items)
    {
        var list = items as IReadOnlyCollection<ItemView> ?? items.ToList();
        return new ReportAgencyRow(code, name,
            list.Count(i => i.Category == StatusCategory.CompletedOnTime),
            list.Count(i => i.Category == StatusCategory.CompletedLate),
            list.Count(i => i.Category == StatusCategory.InProgressWithinDeadline),
            list.Count(i => i.Category == StatusCategory.Overdue));
    }

    /// <summary>The item as it was at <paramref name="asOf"/>, or null when it was not assigned yet.
    /// <paramref name="later"/> are its timeline rows after that instant, oldest first.</summary>
    internal static ItemRecord? AsOf(ItemRecord now, DateTimeOffset asOf, IReadOnlyList<TimelineRecord> later)
    {
        if (later.Any(t => t.RowKey == RecordItemActivity.AssignedRowKey)) return null;
        var then = new ItemRecord
        {
            PartitionKey = now.PartitionKey, RowKey = now.RowKey, InstanceId = now.InstanceId, Task = now.Task,
            DeadlineKind = now.DeadlineKind, Urgent = now.Urgent, LeadAsWritten = now.LeadAsWritten, LeadCode = now.LeadCode,
            AgencyInCharge = now.AgencyInCharge, AgencyInChargeName = now.AgencyInChargeName,
            DueDate = now.DueDate, DueUtc = now.DueUtc, State = now.State, Level = now.Level, LastStep = now.LastStep,
            EndedUtc = now.EndedUtc,
        };
        if (then.EndedUtc > asOf)
        {
            then.State = Items.ItemState.Open.ToString();
            then.EndedUtc = null;
        }
        // The first change after the instant says what the value was before it (rows written before
        // the previous values were recorded say nothing: the current value stands).
        if (later.FirstOrDefault(t => t.Kind == nameof(ItemEventKind.ExtensionGranted) && t.PreviousDueUtc is not null) is { } extension)
        {
            then.DueUtc = extension.PreviousDueUtc;
            then.DueDate = extension.PreviousDueDate;
        }
        if (later.FirstOrDefault(t => t.Kind == nameof(ItemEventKind.Transferred) && t.PreviousAgency is not null) is { } transfer)
        {
            then.AgencyInCharge = transfer.PreviousAgency!;
            then.AgencyInChargeName = transfer.PreviousAgencyName ?? transfer.PreviousAgency!;
        }
        return then;
    }

    /// <summary>Timeline rows after <paramref name="asOf"/> by item instance, oldest first: one scan
    /// (filtered by the service) rather than a query per item.</summary>
    private async Task<Dictionary<string, List<TimelineRecord>>> LaterRowsAsync(DateTimeOffset asOf, string? directiveId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(ItemStore.TimelineTable);
        // Instance ids are "{directiveId}:{label}": a directive's rows are the partitions in ["{id}:", "{id};").
        var filter = directiveId is null
            ? TableClient.CreateQueryFilter($"AtUtc gt {asOf}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {directiveId + ":"} and PartitionKey lt {directiveId + ";"} and AtUtc gt {asOf}");
        var byItem = new Dictionary<string, List<TimelineRecord>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TimelineRecord>(filter, cancellationToken: ct))
        {
            if (!byItem.TryGetValue(row.PartitionKey, out var list)) byItem[row.PartitionKey] = list = [];
            list.Add(row);
        }
        foreach (var list in byItem.Values) list.Sort((a, b) => a.AtUtc.CompareTo(b.AtUtc));
        return byItem;
    }

    private async Task<string?> LastEventAsync(string instanceId, DateTimeOffset asOf)
    {
        var last = (await store.GetTimelineAsync(instanceId)).LastOrDefault(t => t.AtUtc <= asOf);
        return last is null ? null
            : $"{VietnamTime.Today(last.AtUtc):dd/MM/yyyy}: {last.Kind}" + (string.IsNullOrEmpty(last.Detail) ? "" : $" ({last.Detail})")
              + Who(last);
    }

    /// <summary>Who acted, as declared, and who the host authenticated for it (events by people only).</summary>
    private static string Who(TimelineRecord row) => row.Caller is null ? ""
        : $" · {row.Actor} ({ReportLabels.Caller}: {row.Caller})";
}
