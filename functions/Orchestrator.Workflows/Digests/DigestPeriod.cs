using System.Globalization;

namespace Orchestrator.Workflows.Digests;

/// <summary>The outbox keys of digests: one row per addressee and period, so each is sent once per
/// period however often the schedule runs, across restarts and replays.</summary>
public static class DigestKeys
{
    /// <summary>"digest-weekly:BTC": not a directive's partition ("{directiveId}:{label}"), so item listings never show it.</summary>
    public static string WeeklyPartition(string agencyCode) => "digest-weekly:" + agencyCode;

    public static string MonthlyPartition(string officeCode) => "digest-monthly:" + officeCode;

    /// <summary>The ISO week of a Vietnam day: "2026-W48".</summary>
    public static string Week(DateOnly day) =>
        $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}";
}
