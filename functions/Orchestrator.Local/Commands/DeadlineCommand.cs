using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;

namespace Orchestrator.Local.Commands;

/// <summary>
/// <c>orchestrator deadline "&lt;phrase&gt;" --issued YYYY-MM-DD [--json] [--urgent-days N] [--calendar PATH]</c>:
/// prints how a deadline phrase is read. Exit 0 when read, 2 when unreadable (or no holiday data
/// for the year), 1 for a usage error.
/// </summary>
public sealed record DeadlineVerbOptions(string Phrase, DateOnly Issued, bool Json, int? UrgentDays, string? CalendarPath);

public static class DeadlineCommand
{
    public static Command Create(CliContext cli)
    {
        var phrase = new Argument<string>("phrase") { Description = "The deadline phrase as written in the directive (quote it)" };
        var issued = CliOptions.Date("--issued", "The directive's issue date", required: true);
        var json = CliOptions.JsonFlag();
        var urgentDays = CliOptions.Number("--urgent-days", "Working days an urgent item gets");
        var calendar = CliOptions.Text("--calendar", "A holiday file or folder with more years", "PATH");
        return Verb.Create(cli, "deadline", "Prints how a deadline phrase is read: the date, the roll-over and the rule", [phrase, issued, json, urgentDays, calendar],
            parse => new DeadlineVerbOptions(parse.GetValue(phrase)!, parse.GetValue(issued)!.Value, parse.GetValue(json), parse.GetValue(urgentDays), parse.GetValue(calendar)),
            (options, c, _) => Task.FromResult(Run(options, c.Out, c.Error)));
    }

    public static int Run(DeadlineVerbOptions o, TextWriter stdout, TextWriter stderr)
    {
        var calendar = CliOptions.Load("--calendar", o.CalendarPath, path => WorkingDayCalendar.WithExtraYears(path)) ?? WorkingDayCalendar.Default();
        try
        {
            var options = o.UrgentDays is { } days ? new DeadlineOptions { UrgentWorkingDays = days } : new DeadlineOptions();
            var r = new DeadlineInterpreter(calendar, options).Interpret(o.Phrase, o.Issued);
            if (o.Json) stdout.WriteLine(JsonSerializer.Serialize(ToJson(r, o.Issued, calendar), CliOptions.JsonFormat));
            else WriteText(r, o.Issued, calendar, stdout);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is UnreadableDeadlineException or CalendarYearMissingException)
        {
            if (o.Json)
            {
                var error = new
                {
                    error = e is UnreadableDeadlineException ? "unreadable-deadline" : "calendar-year-missing",
                    message = e.Message,
                    acceptedForms = DeadlineInterpreter.AcceptedForms,
                };
                stdout.WriteLine(JsonSerializer.Serialize(error, CliOptions.JsonFormat));
            }
            stderr.WriteLine($"deadline: {e.Message}");
            return ExitCodes.Refused;
        }
    }

    internal static object ToJson(DeadlineInterpretation r, DateOnly issued, WorkingDayCalendar calendar) => new
    {
        phrase = r.Phrase,
        issued = CliOptions.IsoDate(issued),
        kind = KindName(r.Kind),
        urgent = r.IsUrgent,
        wordsDate = r.WordsDate is null ? null : CliOptions.IsoDate(r.WordsDate),
        dueDate = r.DueDate is null ? null : CliOptions.IsoDate(r.DueDate),
        dueEnd = r.DueEnd?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        dueUtc = r.DueUtc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        rolledOver = r.RolledOver,
        // The due date's year has no decided holiday schedule: computed by rule, it may move.
        dueDateExpected = r.DueDate is { } d && calendar.IsExpected(d),
        recurrenceMonths = r.RecurrenceMonths,
        rule = r.Rule,
    };

    internal static string KindName(DeadlineKind k) => k switch
    {
        DeadlineKind.Date => "date",
        DeadlineKind.Urgent => "urgent",
        DeadlineKind.None => "none",
        DeadlineKind.Recurring => "recurring",
        _ => "standing",
    };

    private static void WriteText(DeadlineInterpretation r, DateOnly issued, WorkingDayCalendar calendar, TextWriter o)
    {
        o.WriteLine($"Phrase:     {r.Phrase}");
        o.WriteLine($"Issued:     {issued:yyyy-MM-dd}");
        o.WriteLine($"Kind:       {KindName(r.Kind)}{(r.IsUrgent ? " (urgent)" : "")}");
        if (r.DueDate is { } due)
        {
            o.WriteLine($"Words date: {r.WordsDate:yyyy-MM-dd} ({r.WordsDate!.Value.DayOfWeek})");
            o.WriteLine($"Due date:   {due:yyyy-MM-dd} ({due.DayOfWeek}){(r.RolledOver ? ", rolled over" : "")}{(calendar.IsExpected(due) ? ", expected (dự kiến): no decided holiday schedule for its year yet" : "")}");
            o.WriteLine($"Ends:       {r.DueEnd:yyyy-MM-dd'T'HH:mm:sszzz} = {r.DueUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }
        if (r.RecurrenceMonths is { } months) o.WriteLine($"Every:      {months} month(s)");
        o.WriteLine($"Rule:       {r.Rule}");
    }
}
