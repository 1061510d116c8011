using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orchestrator.Workflows.Telemetry;

/// <summary>
/// The service's own metrics (meter "Orchestrator"): notices sent, failed and retried, directive
/// imports and their duration. Made through the host's IMeterFactory, so each host (and each test
/// host) has its own instruments; either host exports them through OpenTelemetry.
/// </summary>
public sealed class OrchestratorMetrics
{
    public const string MeterName = "Orchestrator";

    private readonly Counter<long> _noticesSent;
    private readonly Counter<long> _noticesFailed;
    private readonly Counter<long> _noticesRetried;
    private readonly Counter<long> _itemsImported;
    private readonly Histogram<double> _importDuration;

    public OrchestratorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _noticesSent = meter.CreateCounter<long>("orchestrator.notices.sent", "{notice}", "Notices SendGrid accepted");
        _noticesFailed = meter.CreateCounter<long>("orchestrator.notices.failed", "{notice}",
            "Notices given up on (refused, out of retries, or an outcome unknown): the orchestration fails and waits for an operator");
        _noticesRetried = meter.CreateCounter<long>("orchestrator.notices.retried", "{attempt}", "Calls to SendGrid that certainly failed and are tried again");
        _itemsImported = meter.CreateCounter<long>("orchestrator.items.imported", "{item}", "Tracked items started by directive imports");
        _importDuration = meter.CreateHistogram<double>("orchestrator.directive.import.duration", "s",
            "How long a directive import took: validate, store, and schedule its items");
    }

    public void NoticeSent(string kind, int level) =>
        _noticesSent.Add(1, new TagList { { "notice.kind", kind }, { "notice.level", level } });

    public void NoticeFailed(string kind, bool outcomeUnknown) =>
        _noticesFailed.Add(1, new TagList { { "notice.kind", kind }, { "notice.outcome_unknown", outcomeUnknown } });

    public void NoticeRetried(string kind, int? statusCode) =>
        _noticesRetried.Add(1, new TagList { { "notice.kind", kind }, { "http.response.status_code", statusCode } });

    public void DirectiveImported(TimeSpan duration, int items, string outcome)
    {
        _importDuration.Record(duration.TotalSeconds, new TagList { { "import.outcome", outcome } });
        if (items > 0) _itemsImported.Add(items);
    }
}

/// <summary>The service's traces (activity source "Orchestrator"): a span per import and per notice sent.</summary>
public static class OrchestratorTraces
{
    public const string SourceName = "Orchestrator";
    public static readonly ActivitySource Source = new(SourceName);
}
