using System.Globalization;
using System.Text.Json;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Drafting;

namespace Orchestrator.Domain.Tests.Drafting;

/// <summary>A letter of Letters/ with its hand-written expected items (label, lead(s), deadline
/// phrase, due date: ISO, "urgent", or null for none).</summary>
public sealed record LetterCase(string Name, string Text, ExpectedLetter Expected)
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Letters");

    public static IReadOnlyList<LetterCase> All() =>
        Directory.GetFiles(Folder, "*.expected.json").Order(StringComparer.Ordinal).Select(path =>
        {
            var name = Path.GetFileName(path)[..^".expected.json".Length];
            var expected = JsonSerializer.Deserialize<ExpectedLetter>(File.ReadAllText(path), JsonSerializerOptions.Web)!;
            return new LetterCase(name, File.ReadAllText(Path.Combine(Folder, name + ".txt")), expected);
        }).ToList();
}

public sealed record ExpectedLetter(string Source, string DocumentType, DateOnly IssueDate, bool HeldOut, IReadOnlyList<ExpectedItem> Items);

public sealed record ExpectedItem(string Label, IReadOnlyList<string> Leads, string? DeadlinePhrase, string? DueDate, string Kind);

/// <summary>How one draft item compares with the expected one it was paired with.</summary>
public sealed record ItemScore(string ExpectedLabel, string? DraftLabel, bool LabelRight, bool LeadsRight, bool PhraseRight, bool DueRight, string? Due, string? ExpectedDue)
{
    public bool FullyRight => LabelRight && LeadsRight && PhraseRight && DueRight;
    /// <summary>The phrase was found as written but the interpreter read another date (or none).</summary>
    public bool InterpreterMiss => PhraseRight && !DueRight;
}

public sealed record LetterScore(string Name, bool HeldOut, int Expected, int Found, int Invented, IReadOnlyList<ItemScore> Items, IReadOnlyList<string> InventedLabels)
{
    public int LabelsRight => Items.Count(i => i.LabelRight);
    public int LeadsRight => Items.Count(i => i.LeadsRight);
    public int DueRight => Items.Count(i => i.DueRight);
    public int FullyRight => Items.Count(i => i.FullyRight);

    public override string ToString() =>
        $"{Name,-22} {(HeldOut ? "held-out" : "dev     ")} expected {Expected,2} found {Found,2} invented {Invented} labels {LabelsRight,2} leads {LeadsRight,2} due {DueRight,2} fully {FullyRight,2}/{Expected}"
        + string.Concat(Items.Where(i => !i.FullyRight).Select(i =>
            $"{Environment.NewLine}    {i.ExpectedLabel} (draft {i.DraftLabel ?? "-"}): {(i.LabelRight ? "" : "label ")}{(i.LeadsRight ? "" : "leads ")}{(i.PhraseRight ? "" : "phrase ")}{(i.DueRight ? "" : $"due {i.Due ?? "none"} vs {i.ExpectedDue ?? "none"}{(i.InterpreterMiss ? " (interpreter)" : "")}")}"))
        + (InventedLabels.Count > 0 ? $"{Environment.NewLine}    invented: {string.Join(", ", InventedLabels)}" : "");
}

/// <summary>
/// Scores drafts against the expected items. Items pair by label, the rest in order. A lead is
/// right when the set of leads matches: by directory code when both names resolve, else by the
/// name folded (case, diacritics, spacing). A due date is the interpreter's reading of the draft's
/// phrase on the letter's issue date ("urgent" for an urgency word).
/// </summary>
public sealed class LetterScorer
{
    private readonly AgencyFinder _agencies;
    private readonly DeadlineInterpreter _interpreter;
    public DraftReader Reader { get; }

    public LetterScorer()
    {
        var directory = AgencyDirectory.Default();
        var calendar = WorkingDayCalendar.WithExtraYears(Path.Combine(LetterCase.Folder, "calendar"));
        _agencies = new AgencyFinder(directory);
        _interpreter = new DeadlineInterpreter(calendar);
        Reader = new DraftReader(directory, _interpreter);
    }

    public LetterScore Score(LetterCase letter)
    {
        var draft = Reader.Read(letter.Text, new DateOnly(2026, 11, 27));
        var items = draft.Directive.Items.ToList();
        var unpaired = items.ToList();
        var pairs = new List<(ExpectedItem Expected, DraftItem? Draft)>();
        foreach (var e in letter.Expected.Items)
        {
            var d = unpaired.FirstOrDefault(i => i.Label == e.Label);
            if (d is not null) unpaired.Remove(d);
            pairs.Add((e, d));
        }
        for (var k = 0; k < pairs.Count; k++)
        {
            if (pairs[k].Draft is not null || unpaired.Count == 0) continue;
            pairs[k] = (pairs[k].Expected, unpaired[0]);
            unpaired.RemoveAt(0);
        }
        var scores = pairs.Select(p => ScoreItem(p.Expected, p.Draft, letter.Expected.IssueDate)).ToList();
        return new LetterScore(letter.Name, letter.Expected.HeldOut, letter.Expected.Items.Count, pairs.Count(p => p.Draft is not null),
            unpaired.Count, scores, unpaired.Select(u => u.Label ?? "?").ToList());
    }

    private ItemScore ScoreItem(ExpectedItem e, DraftItem? d, DateOnly issued)
    {
        if (d is null) return new(e.Label, null, false, false, false, false, null, e.DueDate);
        var leadsRight = LeadKeys(e.Leads).SetEquals(LeadKeys(d.AllLeads));
        var phraseRight = Phrase(e.DeadlinePhrase) == Phrase(d.DeadlinePhrase);
        var due = Due(d.DeadlinePhrase, issued);
        return new(e.Label, d.Label, e.Label == d.Label, leadsRight, phraseRight, due == e.DueDate, due, e.DueDate);
    }

    private HashSet<string> LeadKeys(IEnumerable<string> leads) =>
        leads.Select(l => _agencies.Resolve(l)?.Code ?? TextNormalizer.Fold(l).Replace(" ", "")).ToHashSet();

    private static string Phrase(string? phrase) => TextNormalizer.Normalize(phrase).TrimEnd('.', ',', ';');

    private string? Due(string? phrase, DateOnly issued)
    {
        if (string.IsNullOrWhiteSpace(phrase)) return null;
        try
        {
            var reading = _interpreter.Interpret(phrase, issued);
            return reading.Kind switch
            {
                DeadlineKind.Urgent => "urgent",
                _ => reading.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is UnreadableDeadlineException or CalendarYearMissingException)
        {
            return "unreadable";
        }
    }
}
