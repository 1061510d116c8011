using System.Globalization;
using Orchestrator.Domain.Common;

namespace Orchestrator.Workflows.Reports;

/// <summary>The days a report covers, both inclusive (Vietnam calendar days).</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The calendar month "YYYY-MM".</summary>
    public static ReportPeriod Month(int year, int month) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    public static bool TryParseMonth(string? text, out ReportPeriod period)
    {
        period = null!;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)) return false;
        period = Month(first.Year, first.Month);
        return true;
    }

    /// <summary>The month after <see cref="To"/>: the report lists what falls due in it.</summary>
    public ReportPeriod NextMonth => Month(To.AddMonths(1).Year, To.AddMonths(1).Month);

    /// <summary>The instant at which the figures are taken: the end of the last day (24:00 Vietnam), or
    /// <paramref name="now"/> when that is still to come (the figures cannot be ahead of today).</summary>
    public DateTimeOffset AsOf(DateTimeOffset now)
    {
        var end = VietnamTime.EndOfDay(To);
        return end < now ? end : now;
    }

    /// <summary>"2026-11" for a whole month, else "2026-11-01_2026-11-15" (file names, email subjects).</summary>
    public string Key => From.Day == 1 && To == Month(From.Year, From.Month).To
        ? From.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : $"{From:yyyy-MM-dd}_{To:yyyy-MM-dd}";
}

/// <summary>
/// The tracking office's report for a period: per agency in charge, the four official counts as the
/// summary gives them at the end of the period (<see cref="AsOfUtc"/>); the items overdue then, with
/// how long and the last thing that happened to them; and the items that fall due the month after.
/// </summary>
public sealed record MonthlyReport(
    ReportPeriod Period,
    string? DirectiveId,
    DateTimeOffset AsOfUtc,
    IReadOnlyList<ReportAgencyRow> Agencies,
    ReportAgencyRow Totals,
    IReadOnlyList<ReportOverdueItem> Overdue,
    IReadOnlyList<ReportDueItem> DueNextMonth)
{
    /// <summary>The last day the figures cover (Vietnam): the period's end, or today for a period still running.</summary>
    public DateOnly AsOfDay => VietnamTime.Today(AsOfUtc.AddTicks(-1));
}

/// <param name="OnTimeRate">Completed on time out of everything whose deadline had come by then
/// (completed on time + completed late + overdue); null when there is none.</param>
public sealed record ReportAgencyRow(string Agency, string AgencyName, int CompletedOnTime, int CompletedLate,
    int InProgressWithinDeadline, int Overdue)
{
    public int Total => CompletedOnTime + CompletedLate + InProgressWithinDeadline + Overdue;

    public double? OnTimeRate => CompletedOnTime + CompletedLate + Overdue is var due and > 0
        ? (double)CompletedOnTime / due
        : null;
}

/// <param name="LastEvent">The latest timeline entry on or before the report's instant ("dd/MM/yyyy: kind, detail").</param>
public sealed record ReportOverdueItem(string DirectiveId, string Label, string Task, string Agency, string AgencyName,
    DateOnly DueDate, int DaysOverdue, string? LastEvent);

public sealed record ReportDueItem(string DirectiveId, string Label, string Task, string Agency, string AgencyName, DateOnly DueDate);
