using System.Diagnostics.Metrics;
using System.Text.Json;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Telemetry;

/// <summary>
/// Tracked items by status category, as the summary counts them (gauge <c>orchestrator.items</c>,
/// tag <c>item.category</c>). Read from the read model when the exporter collects (once a minute by
/// default, on its own thread), so it costs one scan of the items table per collection; when storage
/// does not answer it reports nothing rather than zeros.
/// </summary>
public sealed class ItemCategoryGauge
{
    private readonly ItemQueries _items;

    public ItemCategoryGauge(IMeterFactory meters, ItemQueries items)
    {
        _items = items;
        meters.Create(OrchestratorMetrics.MeterName)
            .CreateObservableGauge("orchestrator.items", Observe, "{item}", "Tracked items by status category (the summary's four categories)");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        IReadOnlyList<AgencySummary> summary;
        try
        {
            // A collection callback is synchronous; it runs on the exporter's thread, not a request's.
            summary = _items.SummaryAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is Azure.RequestFailedException || Api.StorageUnavailable.Matches(e))
        {
            return [];
        }
        return
        [
            Count(StatusCategory.CompletedOnTime, summary.Sum(s => s.CompletedOnTime)),
            Count(StatusCategory.CompletedLate, summary.Sum(s => s.CompletedLate)),
            Count(StatusCategory.InProgressWithinDeadline, summary.Sum(s => s.InProgressWithinDeadline)),
            Count(StatusCategory.Overdue, summary.Sum(s => s.Overdue)),
        ];
    }

    private static Measurement<long> Count(StatusCategory category, int count) =>
        new(count, new KeyValuePair<string, object?>("item.category", JsonNamingPolicy.CamelCase.ConvertName(category.ToString())));
}
