using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Deadlines;

namespace Orchestrator.Domain.Directives;

/// <summary>Turns a valid directive into tracked items: one per task or meeting, or one per member
/// when the lead is a group. Standing requirements are kept aside, recorded but not tracked.</summary>
public sealed class DirectivePlanner(AgencyDirectory agencies, DeadlineInterpreter interpreter)
{
    public const string DefaultTrackingOffice = "VPCP";

    public IReadOnlyList<ValidationProblem> Validate(Directive directive) =>
        new DirectiveValidator(agencies, interpreter).Validate(directive);

    /// <summary>Throws <see cref="DirectiveValidationException"/> with every problem when invalid.</summary>
    public DirectivePlan Plan(Directive d)
    {
        var problems = Validate(d);
        if (problems.Count > 0) throw new DirectiveValidationException(problems);

        var issued = d.IssueDate!.Value;
        var tracked = new List<TrackedItem>();
        var standing = new List<DirectiveItem>();
        foreach (var item in d.Items)
        {
            if (item.Kind == ItemKind.Standing) { standing.Add(item); continue; }
            var lead = item.LeadCode is { Length: > 0 } c ? agencies.GetByCode(c) : agencies.Resolve(item.Lead!)!;
            var deadline = Interpret(interpreter, item, issued);
            var coordinating = item.Coordinating.Select(n => new AgencyRef(n, agencies.Resolve(n)!.Code)).ToList();
            var members = agencies.Expand(lead, issued);
            var labels = LabelsFor(item, lead, agencies, issued);
            for (var k = 0; k < members.Count; k++)
            {
                tracked.Add(new TrackedItem
                {
                    DirectiveId = d.Id,
                    Label = labels[k],
                    SourceLabel = item.Label!,
                    Kind = item.Kind,
                    Text = item.Text!,
                    LeadAsWritten = item.Lead ?? lead.Name,
                    LeadCode = members[k].Code,
                    Coordinating = coordinating,
                    Deadline = deadline,
                    Milestones = item.Milestones,
                    Transfers = item.Transfers,
                });
            }
        }
        var office = agencies.Resolve(d.TrackingOffice ?? DefaultTrackingOffice)!;
        return new DirectivePlan(d, office, tracked, standing);
    }

    /// <summary>The item's deadline: explicit date (if set) over the phrase; standing items are standing.</summary>
    public static DeadlineInterpretation Interpret(DeadlineInterpreter interpreter, DirectiveItem item, DateOnly issued)
    {
        if (item.ExplicitDate is { } date) return interpreter.FromExplicitDate(item.DeadlinePhrase, date, item.ExplicitDateReason ?? "");
        if (item.Kind == ItemKind.Standing)
            return new DeadlineInterpretation { Phrase = item.DeadlinePhrase ?? "", Kind = DeadlineKind.Standing, Rule = "standing requirement: recorded, not tracked" };
        return interpreter.Interpret(item.DeadlinePhrase, issued);
    }

    /// <summary>Labels an item produces: its own, or one per group member ("3.a" → "3.a.DBSH"); with
    /// <paramref name="issued"/>, one per member that exists on the issue date.</summary>
    public static IReadOnlyList<string> LabelsFor(DirectiveItem item, Agency? lead, AgencyDirectory agencies, DateOnly? issued = null)
    {
        if (item.Label is null) return [];
        if (lead is not { Kind: AgencyKind.Group } || item.Kind == ItemKind.Standing) return [item.Label];
        var members = issued is { } day ? agencies.Expand(lead, day) : agencies.Expand(lead);
        return members.Select(m => $"{item.Label}.{m.LabelSuffix ?? m.Code}").ToList();
    }
}

public sealed record DirectivePlan(Directive Directive, Agency TrackingOffice, IReadOnlyList<TrackedItem> Items, IReadOnlyList<DirectiveItem> Standing)
{
    public string DirectiveId => Directive.Id;
}
