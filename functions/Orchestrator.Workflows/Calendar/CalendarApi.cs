using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Orchestrator.Domain.Calendar;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Calendar;

/// <summary>
/// The working-day calendar as the office manages it (admin key): list the decided years, and load
/// a year's decided schedule (the shape of Calendar/Data/YYYY.json). A schedule is checked whole
/// (<see cref="HolidayYearRules"/>) before anything is stored; then it is written to the table,
/// audited, reloaded into this instance's calendar, and the running items it may move are asked to
/// re-plan (<see cref="CalendarReplanner"/>).
/// </summary>
public sealed class CalendarApi(CalendarStore store, StoredCalendar stored, CalendarReplanner replanner, AuditStore audit, JsonBody body,
    TimeProvider clock, ILogger<CalendarApi> logger)
{
    public const string AuditPrefix = "calendar:";

    /// <summary>GET api/admin/calendar</summary>
    public async Task<IResult> ListAsync(CancellationToken ct = default)
    {
        var loaded = await store.ReadAllAsync(ct);
        var rows = new SortedDictionary<int, CalendarYearRow>();
        foreach (var y in WorkingDayCalendar.LoadEmbedded())
            rows[y.Year] = new(y.Year, y.Status, "built-in", y.Source, y.Holidays.Count, y.WorkingWeekendDays.Count, null, null, null);
        foreach (var s in loaded)
        {
            var y = s.Schedule;
            rows[y.Year] = new(y.Year, y.Status, "loaded", y.Source, y.Holidays.Count, y.WorkingWeekendDays.Count, s.LoadedBy, s.LoadedAtUtc, s.Reason);
        }
        return ApiResults.Json(new CalendarListResponse(WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear, rows.Values.ToList(),
            "Every other year from 2000 to 2099 is expected: Labour Code 2019 Art. 112 over the Vietnamese lunar calendar (UTC+7), " +
            "with compensating days for holidays on a weekend and no swapped working day (docs/directives.md, 'Calendar').",
            stored.LoadedAt));
    }

    /// <summary>PUT api/admin/calendar/{year}?reason=: the year's decided schedule, stored (replacing a
    /// loaded or built-in one), audited, and the running items it may move re-planned.</summary>
    public async Task<IResult> LoadAsync(DurableTaskClient durable, HttpRequest request, string year)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || year.Length != 4 || !WorkingDayCalendar.Covers(y))
            return ApiResults.BadRequest([new("year", $"a year from {WorkingDayCalendar.FirstYear} to {WorkingDayCalendar.LastYear}")]);
        var reason = string.IsNullOrWhiteSpace(request.Query["reason"]) ? null : request.Query["reason"].ToString();
        var problems = new List<FieldError>();
        if (reason is null) problems.Add(new("reason", "say why, e.g. the decision's number (it is written to the audit table)"));
        else RequestLimits.Check(problems, "reason", reason, RequestLimits.Reason, multiline: true);
        var (schedule, error) = await body.ReadAsync<HolidayYear>(request);
        if (error is not null) return error;
        problems.AddRange(Check(schedule!, y));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var ct = request.HttpContext.RequestAborted;
        var caller = AdminCaller.Of(request.HttpContext);
        var result = await LoadCheckedAsync(durable, schedule!, caller, reason!, ct);
        return ApiResults.Json(result);
    }

    /// <summary>The field problems of <paramref name="schedule"/> loaded as year <paramref name="year"/>.</summary>
    public static IEnumerable<FieldError> Check(HolidayYear schedule, int year)
    {
        if (schedule.Year != year)
            yield return new("year", string.Create(CultureInfo.InvariantCulture, $"the year of the route, {year}"));
        foreach (var p in HolidayYearRules.Check(schedule, decidedOnly: true))
            yield return new(p.Field.Length == 0 ? "$" : p.Field, p.Expected);
    }

    /// <summary>Stores, audits, reloads and re-plans a schedule that passed <see cref="Check"/> (the
    /// admin endpoint and the command line share it).</summary>
    public async Task<CalendarLoadResponse> LoadCheckedAsync(DurableTaskClient durable, HolidayYear schedule, AdminCaller caller, string reason,
        CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(schedule, WorkflowJson.Options);
        var replaced = stored.Calendar.DecidedYears.Contains(schedule.Year);
        await store.UpsertAsync(new StoredYear(schedule, caller.Identity, clock.GetUtcNow(), reason), ct);
        await audit.WriteAsync(caller, "calendar-load", AuditPrefix + schedule.Year.ToString(CultureInfo.InvariantCulture), reason,
            string.Create(CultureInfo.InvariantCulture, $"ok: {schedule.Status}, {schedule.Holidays.Count} days off, {schedule.WorkingWeekendDays.Count} weekend days worked"),
            detail: json.Length <= 30_000 ? json : json[..30_000] + "…");
        await stored.ReloadAsync(ct);
        var signals = await replanner.SignalAsync(durable, schedule.Year, Hash(json), caller.Identity, reason, ct);
        CalendarLog.Loaded(logger, schedule.Year, caller.Identity, signals.Signalled, signals.ElapsedMs);
        return new CalendarLoadResponse(schedule.Year, schedule.Status, schedule.Holidays.Count, schedule.WorkingWeekendDays.Count, replaced,
            signals.Considered, signals.Signalled, signals.Failed, signals.ElapsedMs);
    }

    /// <summary>The schedule's content, short: the same file gives the same re-plan event id.</summary>
    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
}
