using Orchestrator.Domain.Common;
using Orchestrator.Domain.Directives;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// The most each text field of a request may hold (characters), for the JSON API, the forms of
/// action links and the admin API alike; far below what a Table Storage property holds (32K
/// characters), so a value accepted here is never refused when the item stores it (docs/http-api.md, "Limits").
/// </summary>
public static class RequestLimits
{
    public const int Note = 4000;
    public const int Reason = 4000;
    public const int Actor = 200;
    public const int ReportNumber = 100;
    public const int Agency = DirectiveLimits.Name;
    public const int EventName = 100;
    /// <summary>Instance ids and prefixes in admin requests (an item's is at most 131).</summary>
    public const int InstanceId = 200;
    /// <summary>Short query values: filters, names, tokens of a listing.</summary>
    public const int QueryValue = 300;
    public const int ContinuationToken = 4000;

    /// <summary>Adds a problem naming <paramref name="field"/> when its text breaks <see cref="TextRules"/>.</summary>
    public static void Check(List<FieldError> problems, string field, string? value, int maxLength, bool multiline = false)
    {
        if (TextRules.Problem(value, maxLength, multiline) is { } problem) problems.Add(new(field, problem));
    }

    /// <summary>
    /// The limits of an item event raised directly (admin "raise"): the same as the item endpoints
    /// apply, and an event id fit for a storage key (it keys the event's timeline row).
    /// </summary>
    public static void CheckEvent(List<FieldError> problems, string prefix, Items.ItemEvent e)
    {
        if (!IdGrammar.IsLabel(e.EventId))
            problems.Add(new(prefix + "eventId", "letters and digits, optionally joined by single . - or _ (at most 64), such as a GUID"));
        Check(problems, prefix + "actor", e.Actor, Actor);
        Check(problems, prefix + "note", e.Note, Note, multiline: true);
        Check(problems, prefix + "reason", e.Reason, Reason, multiline: true);
        Check(problems, prefix + "reportNumber", e.ReportNumber, ReportNumber);
        Check(problems, prefix + "toAgency", e.ToAgency, Agency);
        CheckDate(problems, prefix + "reportDate", e.ReportDate);
        CheckDate(problems, prefix + "newDueDate", e.NewDueDate);
    }

    /// <summary>Adds a problem when a date is outside the years the system plans in.</summary>
    public static void CheckDate(List<FieldError> problems, string field, DateOnly? value)
    {
        if (value is { } date && !DirectiveLimits.IsInRange(date))
            problems.Add(new(field, $"a date from {DirectiveLimits.EarliestDate:yyyy-MM-dd} to {DirectiveLimits.LatestDate:yyyy-MM-dd}"));
    }
}
