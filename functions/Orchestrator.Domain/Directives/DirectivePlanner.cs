using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Deadlines;

namespace Orchestrator.Domain.Directives;

/// <summary>Turns a valid directive into tracked items: one per task or meeting, one per lead when
/// it has several, one per member when a lead is a group. Standing requirements are kept aside,
/// recorded but not tracked. Parts and waiting items are linked to the tracked items they name.</summary>
public sealed class DirectivePlanner(AgencyDirectory agencies, DeadlineInterpreter interpreter)
{
    public const string DefaultTrackingOffice = "VPCP";

    public IReadOnlyList<ValidationProblem> Validate(Directive directive) =>
        new DirectiveValidator(agencies, interpreter).Validate(directive);

    /// <summary>Errors and warnings (an unknown coordinating agency is a warning).</summary>
    public DirectiveCheck Check(Directive directive) => new DirectiveValidator(agencies, interpreter).Check(directive);

    /// <summary>Throws <see cref="DirectiveValidationException"/> with every problem when invalid.</summary>
    public DirectivePlan Plan(Directive d)
    {
        var check = Check(d);
        if (check.Errors.Count > 0) throw new DirectiveValidationException(check.Errors);

        var issued = d.IssueDate!.Value;
        var tracked = new List<TrackedItem>();
        var standing = new List<DirectiveItem>();
        foreach (var item in d.Items)
        {
            if (item.Kind == ItemKind.Standing) { standing.Add(item); continue; }
            var leads = LeadsOf(item, agencies);
            var deadline = Interpret(interpreter, item, issued);
            var coordinating = item.Coordinating.Select(n => new AgencyRef(n, agencies.Resolve(n)?.Code)).ToList();
            var labels = LabelsFor(item, leads, agencies, issued);
            // Each member with the lead as the document writes it (kept for history).
            var owners = leads.SelectMany((lead, j) => agencies.Expand(lead, issued).Select(member =>
                (Written: item.Leads is { Count: > 0 } written ? written[j] : item.Lead ?? lead.Name, Member: member))).ToList();
            for (var k = 0; k < owners.Count; k++)
            {
                tracked.Add(new TrackedItem
                {
                    DirectiveId = d.Id,
                    Label = labels[k],
                    SourceLabel = item.Label!,
                    Kind = item.Kind,
                    Text = item.Text!,
                    LeadAsWritten = owners[k].Written,
                    LeadCode = owners[k].Member.Code,
                    Coordinating = coordinating,
                    Deadline = deadline,
                    Milestones = item.Milestones,
                    Transfers = item.Transfers,
                    DueAfter = item.DueAfter,
                });
            }
        }
        tracked = Link(d, tracked);
        var office = agencies.Resolve(d.TrackingOffice ?? DefaultTrackingOffice)!;
        return new DirectivePlan(d, office, tracked, standing) { Warnings = check.Warnings };
    }

    /// <summary>Fills in parents, parts and dependents by tracked label. The validator made sure a
    /// parent, or an item waited for, is tracked as exactly one item.</summary>
    private static List<TrackedItem> Link(Directive d, List<TrackedItem> tracked)
    {
        var bySource = tracked.ToLookup(t => t.SourceLabel);
        var source = d.Items.Where(i => i.Kind != ItemKind.Standing).ToDictionary(i => i.Label!);
        string? Single(string? sourceLabel) => sourceLabel is null ? null : bySource[sourceLabel].Single().Label;
        var parentOf = tracked.ToDictionary(t => t.Label, t => Single(source[t.SourceLabel].Parent));
        var waitsFor = tracked.ToDictionary(t => t.Label, t => Single(source[t.SourceLabel].DueAfter?.Item));
        // Grouped once, in the items' order: looking each item's parts up by scanning every item
        // made a directive of 20,000 items take minutes to plan.
        var partsOf = tracked.Where(p => parentOf[p.Label] is not null).ToLookup(p => parentOf[p.Label]!, p => p.Label);
        var dependentsOf = tracked.Where(w => waitsFor[w.Label] is not null).ToLookup(w => waitsFor[w.Label]!, w => w.Label);
        return tracked.Select(t => t with
        {
            Parent = parentOf[t.Label],
            Parts = partsOf[t.Label].ToList(),
            Dependents = dependentsOf[t.Label].ToList(),
        }).ToList();
    }

    /// <summary>The item's deadline: explicit date (if set) over the phrase; standing items are standing;
    /// an item whose date waits for an event or another item has none yet. A reviewer's urgent flag
    /// is kept beside whatever the words say.</summary>
    public static DeadlineInterpretation Interpret(DeadlineInterpreter interpreter, DirectiveItem item, DateOnly issued)
    {
        var reading = Read(interpreter, item, issued);
        return item.Urgent == true ? reading with { IsUrgent = true } : reading;
    }

    private static DeadlineInterpretation Read(DeadlineInterpreter interpreter, DirectiveItem item, DateOnly issued)
    {
        if (item.ExplicitDate is { } date) return interpreter.FromExplicitDate(item.DeadlinePhrase, date, item.ExplicitDateReason ?? "");
        if (item.Kind == ItemKind.Standing)
            return new DeadlineInterpretation { Phrase = item.DeadlinePhrase ?? "", Kind = DeadlineKind.Standing, Rule = "standing requirement: recorded, not tracked" };
        if (item.DueAfter is { } after)
            return new DeadlineInterpretation { Phrase = item.DeadlinePhrase ?? "", Kind = DeadlineKind.None, Rule = DescribeWait(after) };
        return interpreter.Interpret(item.DeadlinePhrase, issued);
    }

    /// <summary>The rule of a date that waits: what for, and how the date will be set.</summary>
    public static string DescribeWait(DueAfter after)
    {
        var what = after.Event is { Length: > 0 } e ? $"the event \"{e}\" is recorded" : $"item {after.Item} is completed";
        var offset = after.OffsetDays is { } n and not 0 ? $"{(n > 0 ? "+" : "")}{n} day(s)" : "that day";
        return $"no date until {what}; then due {offset}, rolled to a working day";
    }

    /// <summary>The agencies that lead the item: its one lead, or each of its leads.</summary>
    public static IReadOnlyList<Agency> LeadsOf(DirectiveItem item, AgencyDirectory agencies) =>
        item.Leads is { Count: > 0 } leads
            ? leads.Select(l => agencies.Resolve(l)!).ToList()
            : [item.LeadCode is { Length: > 0 } c ? agencies.GetByCode(c) : agencies.Resolve(item.Lead!)!];

    /// <summary>Labels an item produces: its own for one lead that is not a group; else one per member
    /// of each lead, with the member's suffix ("3.a" → "3.a.DBSH"; leads BCT, BXD → "3.a.BCT", "3.a.BXD");
    /// with <paramref name="issued"/>, one per member that exists on the issue date.</summary>
    public static IReadOnlyList<string> LabelsFor(DirectiveItem item, IReadOnlyList<Agency> leads, AgencyDirectory agencies, DateOnly? issued = null)
    {
        if (item.Label is null) return [];
        if (item.Kind == ItemKind.Standing || leads.Count == 0 || (leads.Count == 1 && leads[0].Kind != AgencyKind.Group)) return [item.Label];
        return leads.SelectMany(l => issued is { } day ? agencies.Expand(l, day) : agencies.Expand(l)).Select(m => $"{item.Label}.{m.LabelSuffix ?? m.Code}").ToList();
    }
}

public sealed record DirectivePlan(Directive Directive, Agency TrackingOffice, IReadOnlyList<TrackedItem> Items, IReadOnlyList<DirectiveItem> Standing)
{
    public string DirectiveId => Directive.Id;

    /// <summary>What the import answers with but does not refuse (unknown coordinating agencies).</summary>
    public IReadOnlyList<ValidationProblem> Warnings { get; init; } = [];
}
