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
public static class DeadlineCommand
{
    public const string Usage = "usage: orchestrator deadline \"<phrase>\" --issued YYYY-MM-DD [--json] [--urgent-days N] [--calendar PATH]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        CommandArgs a;
        DateOnly issued;
        int? urgentDays;
        WorkingDayCalendar calendar;
        try
        {
            a = CommandArgs.Parse(args, new HashSet<string> { "--json" }, new HashSet<string> { "--issued", "--urgent-days", "--calendar" });
            if (a.Positional.Count != 1) throw new ArgumentException("expected exactly one phrase (quote it)");
            issued = a.Date("--issued") ?? throw new ArgumentException("--issued is required");
            urgentDays = a.Value("--urgent-days") is { } u
                ? int.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException("--urgent-days expects a positive number")
                : null;
            calendar = a.DataFile("--calendar", path => WorkingDayCalendar.WithExtraYears(path)) ?? WorkingDayCalendar.Default();
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"deadline: {e.Message}");
            stderr.WriteLine(Usage);
            return 1;
        }

        var json = a.Has("--json");
        try
        {
            var options = urgentDays is { } days ? new DeadlineOptions { UrgentWorkingDays = days } : new DeadlineOptions();
            var r = new DeadlineInterpreter(calendar, options).Interpret(a.Positional[0], issued);
            if (json) stdout.WriteLine(JsonSerializer.Serialize(ToJson(r, issued), CommandArgs.Json));
            else WriteText(r, issued, stdout);
            return 0;
        }
        catch (Exception e) when (e is UnreadableDeadlineException or CalendarYearMissingException)
        {
            if (json)
            {
                var error = new
                {
                    error = e is UnreadableDeadlineException ? "unreadable-deadline" : "calendar-year-missing",
                    message = e.Message,
                    acceptedForms = DeadlineInterpreter.AcceptedForms,
                };
                stdout.WriteLine(JsonSerializer.Serialize(error, CommandArgs.Json));
            }
            stderr.WriteLine($"deadline: {e.Message}");
            return 2;
        }
    }

    internal static object ToJson(DeadlineInterpretation r, DateOnly issued) => new
    {
        phrase = r.Phrase,
        issued = CommandArgs.IsoDate(issued),
        kind = KindName(r.Kind),
        urgent = r.IsUrgent,
        wordsDate = r.WordsDate is null ? null : CommandArgs.IsoDate(r.WordsDate),
        dueDate = r.DueDate is null ? null : CommandArgs.IsoDate(r.DueDate),
        dueEnd = r.DueEnd?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        dueUtc = r.DueUtc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        rolledOver = r.RolledOver,
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

    private static void WriteText(DeadlineInterpretation r, DateOnly issued, TextWriter o)
    {
        o.WriteLine($"Phrase:     {r.Phrase}");
        o.WriteLine($"Issued:     {issued:yyyy-MM-dd}");
        o.WriteLine($"Kind:       {KindName(r.Kind)}{(r.IsUrgent ? " (urgent)" : "")}");
        if (r.DueDate is { } due)
        {
            o.WriteLine($"Words date: {r.WordsDate:yyyy-MM-dd} ({r.WordsDate!.Value.DayOfWeek})");
            o.WriteLine($"Due date:   {due:yyyy-MM-dd} ({due.DayOfWeek}){(r.RolledOver ? ", rolled over" : "")}");
            o.WriteLine($"Ends:       {r.DueEnd:yyyy-MM-dd'T'HH:mm:sszzz} = {r.DueUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }
        if (r.RecurrenceMonths is { } months) o.WriteLine($"Every:      {months} month(s)");
        o.WriteLine($"Rule:       {r.Rule}");
    }
}
