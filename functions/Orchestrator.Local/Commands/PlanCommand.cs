using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Local.Commands;

/// <summary>
/// <c>orchestrator plan &lt;directive.json&gt; [--json] [--today YYYY-MM-DD] [--calendar PATH] [--agencies PATH]</c>:
/// validates a directive and prints every tracked item with its due date and the reminder and
/// escalation dates of the default policy, without starting anything.
/// Exit 0 when valid, 2 when not (problems on stderr; with --json also on stdout), 1 for a usage error.
/// </summary>
public sealed record PlanVerbOptions(string DirectivePath, bool Json, DateOnly? Today, string? CalendarPath, string? AgenciesPath);

public static class PlanCommand
{
    public static Command Create(CliContext cli)
    {
        var directive = new Argument<string>("directive.json") { Description = "The directive file to check and plan" };
        var json = CliOptions.JsonFlag();
        var today = CliOptions.Date("--today", "The day whose agency in charge is shown (default: today in Vietnam)");
        var calendar = CliOptions.Text("--calendar", "A holiday file or folder with more years", "PATH");
        var agencies = CliOptions.Text("--agencies", "An agency file or folder to add", "PATH");
        return Verb.Create(cli, "plan", "Validates a directive and prints each tracked item with its due date and reminder dates; starts nothing",
            [directive, json, today, calendar, agencies],
            parse => new PlanVerbOptions(parse.GetValue(directive)!, parse.GetValue(json), parse.GetValue(today), parse.GetValue(calendar), parse.GetValue(agencies)),
            (options, c, _) => Task.FromResult(Run(options, c.Out, c.Error)));
    }

    public static int Run(PlanVerbOptions o, TextWriter stdout, TextWriter stderr)
    {
        var today = o.Today ?? VietnamTime.Today(DateTimeOffset.UtcNow);
        var text = CliOptions.Load("<directive.json>", o.DirectivePath, File.ReadAllText)!;
        var calendar = CliOptions.Load("--calendar", o.CalendarPath, path => WorkingDayCalendar.WithExtraYears(path)) ?? WorkingDayCalendar.Default();
        var agencies = CliOptions.Load("--agencies", o.AgenciesPath, path => AgencyDirectory.WithExtraFiles(path)) ?? AgencyDirectory.Default();

        var json = o.Json;
        var planner = new DirectivePlanner(agencies, new DeadlineInterpreter(calendar));

        var (directive, readProblem) = DirectiveJson.Read(text);
        var problems = readProblem is not null ? [readProblem] : planner.Validate(directive!);
        if (problems.Count > 0) return Invalid(problems, json, stdout, stderr);

        try
        {
            var plan = planner.Plan(directive!);
            // Imported despite these (an unknown coordinating agency): said, not refused.
            foreach (var w in plan.Warnings) stderr.WriteLine($"plan: warning: {w}");
            var rows = plan.Items.Select(i => Row(i, plan, agencies, calendar, today)).ToList();
            if (json) stdout.WriteLine(JsonSerializer.Serialize(rows, CliOptions.JsonFormat));
            else WriteText(plan, rows, today, stdout);
            return ExitCodes.Ok;
        }
        catch (CalendarYearMissingException e)
        {
            // A reminder or escalation date falls past 2099, outside the calendar.
            return Invalid([new ValidationProblem("items", ProblemCodes.CalendarYearMissing, e.Message)], json, stdout, stderr);
        }
    }

    private static int Invalid(IReadOnlyList<ValidationProblem> problems, bool json, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine($"plan: the directive is not valid ({problems.Count} problem(s)):");
        foreach (var p in problems) stderr.WriteLine($"  {p}");
        if (json) stdout.WriteLine(JsonSerializer.Serialize(new { valid = false, problems }, CliOptions.JsonFormat));
        return ExitCodes.Refused;
    }

    private sealed record PlanRow(
        string Id, string Label, string SourceLabel, string Kind, string Lead, string LeadCode, string LeadToday, string LeadTodayCode,
        IReadOnlyList<string> Coordinating, string? DeadlinePhrase, string DeadlineKind, bool Urgent,
        string? WordsDate, string? DueDate, string? DueUtc, bool RolledOver, string Rule, IReadOnlyList<StepRow> Steps);

    private sealed record StepRow(string Id, string Kind, int Level, string Date, string FiresAtUtc);

    private static PlanRow Row(TrackedItem i, DirectivePlan plan, AgencyDirectory agencies, WorkingDayCalendar calendar, DateOnly today)
    {
        var leadToday = i.LeadOn(today, agencies);
        var steps = EscalationPlanner.PlanFor(i, EscalationPolicy.Default, calendar, notBefore: plan.Directive.IssueDate)
            .Select(s => new StepRow(s.StepId, s.Kind.ToString().ToLowerInvariant(), s.Level, CliOptions.IsoDate(s.Date),
                s.FiresAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
            .ToList();
        return new PlanRow(
            i.Id, i.Label, i.SourceLabel, i.Kind.ToString().ToLowerInvariant(), i.LeadAsWritten, i.LeadCode, leadToday.Name, leadToday.Code,
            i.Coordinating.Select(c => c.AsWritten).ToList(), i.Deadline.Phrase.Length == 0 ? null : i.Deadline.Phrase,
            DeadlineCommand.KindName(i.Deadline.Kind), i.Deadline.IsUrgent,
            i.Deadline.WordsDate is null ? null : CliOptions.IsoDate(i.Deadline.WordsDate),
            i.Deadline.DueDate is null ? null : CliOptions.IsoDate(i.Deadline.DueDate),
            i.Deadline.DueUtc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            i.Deadline.RolledOver, i.Deadline.Rule, steps);
    }

    private static void WriteText(DirectivePlan plan, IReadOnlyList<PlanRow> rows, DateOnly today, TextWriter o)
    {
        var d = plan.Directive;
        o.WriteLine($"{d.DocumentNumber} ({d.Id}), issued {d.IssueDate:yyyy-MM-dd}: {d.Subject}");
        o.WriteLine($"{rows.Count} tracked item(s); {plan.Standing.Count} standing requirement(s) recorded, not tracked. Agency in charge as of {today:yyyy-MM-dd}. Tracking office: {plan.TrackingOffice.Name}.");
        foreach (var r in rows)
        {
            o.WriteLine();
            var today_ = r.LeadTodayCode == r.LeadCode ? "" : $" → today: {r.LeadToday} [{r.LeadTodayCode}]";
            o.WriteLine($"{r.Label} [{r.Kind}] lead: {r.Lead} [{r.LeadCode}]{today_}");
            var due = r.DueDate is null ? $"no due date ({r.DeadlineKind})" : $"due {r.DueDate}{(r.RolledOver ? $" (words: {r.WordsDate}, rolled over)" : "")}{(r.Urgent ? " URGENT" : "")}";
            o.WriteLine($"  {due}; phrase: {(r.DeadlinePhrase is null ? "-" : $"\"{r.DeadlinePhrase}\"")}");
            o.WriteLine($"  rule: {r.Rule}");
            if (r.Steps.Count > 0)
                o.WriteLine($"  steps: {string.Join(", ", r.Steps.Select(s => $"{s.Id} {s.Date}"))}");
        }
    }
}
