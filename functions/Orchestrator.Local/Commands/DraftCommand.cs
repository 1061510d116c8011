using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Drafting;
using Orchestrator.Workflows.Drafting;

namespace Orchestrator.Local.Commands;

/// <summary>Options of <c>orchestrator draft</c>.</summary>
public sealed record DraftOptions(string File, string? Out = null, DateOnly? Today = null, string? CalendarPath = null, string? AgenciesPath = null);

/// <summary>
/// <c>orchestrator draft &lt;letter.txt|.docx|.pdf&gt; [--out draft.json] [--today YYYY-MM-DD] [--calendar PATH] [--agencies PATH]</c>:
/// reads a letter into a directive draft (JSON: the directive, where each field came from, flags,
/// the paragraphs that are not items, and the plan the import would make). Writes the JSON to
/// --out (or stdout) and a short summary to stdout. Exit 0 on a draft, 1 for a usage error or
/// an unreadable file.
/// </summary>
public static class DraftCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("letter") { Description = "The letter: plain text (.txt), .docx, or a PDF with a text layer" };
        var output = CliOptions.Text("--out", "Write the draft JSON to this file (default: standard output)", "FILE");
        var today = CliOptions.Date("--today", "The day for \"in charge today\" in the plan (default: today)");
        var calendar = CliOptions.Text("--calendar", "A folder of extra calendar years (YYYY.json)", "PATH");
        var agencies = CliOptions.Text("--agencies", "A file of extra agencies", "PATH");
        return Verb.Create(cli, "draft", "Reads a letter into a directive draft to review: fields with their lines, flags, and the plan",
            [file, output, today, calendar, agencies],
            parse => new DraftOptions(parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(today), parse.GetValue(calendar), parse.GetValue(agencies)),
            (options, c, ct) => RunAsync(options, c.Out, c.Error, ct));
    }

    public static async Task<int> RunAsync(DraftOptions options, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        DirectiveDraft draft;
        try
        {
            var format = LetterText.FormatOf(null, options.File)
                ?? throw new ArgumentException($"\"{options.File}\": expected a .txt, .docx or .pdf file");
            var text = LetterText.Extract(await File.ReadAllBytesAsync(options.File, cancellationToken), format, cancellationToken);
            var calendar = options.CalendarPath is null ? WorkingDayCalendar.Default() : WorkingDayCalendar.WithExtraYears(options.CalendarPath);
            var agencies = options.AgenciesPath is null ? AgencyDirectory.Default() : AgencyDirectory.WithExtraFiles(options.AgenciesPath);
            var today = options.Today ?? VietnamTime.Today(DateTimeOffset.UtcNow);
            draft = new DraftReader(agencies, new DeadlineInterpreter(calendar)).Read(text, today, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or UnreadableLetterException or LetterTooLargeException or InvalidDataException or JsonException)
        {
            await errors.WriteLineAsync($"draft: {e.Message}");
            return 1;
        }

        var json = JsonSerializer.Serialize(draft, DirectiveJson.Options);
        if (options.Out is null) await output.WriteLineAsync(json);
        else
        {
            await File.WriteAllTextAsync(options.Out, json + Environment.NewLine, cancellationToken);
            await WriteSummaryAsync(draft, options.Out, output);
        }
        return 0;
    }

    private static async Task WriteSummaryAsync(DirectiveDraft draft, string path, TextWriter o)
    {
        var d = draft.Directive;
        await o.WriteLineAsync($"{d.Number ?? "?"}/{d.Code ?? "?"} of {d.IssueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?"} ({d.DocumentType ?? "type?"}): {d.Items.Count} item(s), {draft.Flags.Count} flag(s), {draft.NotItems.Count} paragraph(s) not items; written to {path}");
        foreach (var row in draft.Plan.Items)
            await o.WriteLineAsync($"  {row.Label} [{row.Kind}] {row.InChargeToday} [{row.InChargeTodayCode}] due {row.DueDate ?? "-"} ({row.DeadlineKind}{(row.DeadlinePhrase is null ? "" : $": \"{row.DeadlinePhrase}\"")})");
        foreach (var p in draft.Plan.Problems)
            await o.WriteLineAsync($"  not planned {p.Label}: {p.Field}: {p.Message}");
        foreach (var f in draft.Flags)
            await o.WriteLineAsync($"  flag {f.Field}: {f.Message}");
    }
}
