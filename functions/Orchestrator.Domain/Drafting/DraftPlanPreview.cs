using System.Globalization;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Domain.Drafting;

/// <summary>
/// The plan the import would make of a draft, with the same <see cref="DirectivePlanner"/> and
/// <see cref="EscalationPlanner"/> the import uses: each item is validated on its own (with the
/// header), the valid ones are planned, the others are listed with their problems. Several leads
/// are previewed as one item per lead, labelled "label.CODE".
/// </summary>
public sealed class DraftPlanPreview(AgencyDirectory agencies, DeadlineInterpreter interpreter)
{
    public DraftPlan Plan(DraftDirective draft, DateOnly today)
    {
        var planner = new DirectivePlanner(agencies, interpreter);
        var header = new Directive
        {
            Number = draft.Number, Code = draft.Code, IssueDate = draft.IssueDate, Issuer = draft.Issuer, Place = draft.Place,
            Signer = draft.Signer, Subject = draft.Subject, Recipients = draft.Recipients,
        };
        var rows = new List<DraftPlanRow>();
        var problems = new List<DraftPlanProblem>();
        var standing = new List<string>();
        var headerProblems = planner.Validate(header).Where(p => !p.Path.StartsWith("items", StringComparison.Ordinal)).ToList();
        if (headerProblems.Count > 0)
        {
            problems.AddRange(headerProblems.Select(p => new DraftPlanProblem("", p.Path, p.Message)));
            return new DraftPlan { Today = today, Problems = problems };
        }
        foreach (var item in draft.Items)
        {
            foreach (var (label, lead) in PerLead(item))
            {
                var candidate = header with
                {
                    Items = [new DirectiveItem { Label = label, Kind = item.Kind, Text = item.Text, Lead = lead, Coordinating = KnownCoordinators(item), DeadlinePhrase = item.DeadlinePhrase }],
                };
                var itemProblems = planner.Validate(candidate);
                if (itemProblems.Count > 0)
                {
                    problems.AddRange(itemProblems.Select(p => new DraftPlanProblem(label, p.Path.Replace("items[0]", "item"), p.Message)));
                    continue;
                }
                try
                {
                    var plan = planner.Plan(candidate);
                    standing.AddRange(plan.Standing.Select(s => s.Label!));
                    rows.AddRange(plan.Items.Select(t => Row(t, today, draft.IssueDate!.Value, item.Label!)));
                }
                catch (CalendarYearMissingException e)
                {
                    problems.Add(new DraftPlanProblem(label, "item.deadlinePhrase", e.Message));
                }
            }
        }
        return new DraftPlan { Today = today, Items = rows, Problems = problems, Standing = standing };
    }

    /// <summary>Unknown coordinators would block the plan today; the preview leaves them out (the
    /// draft keeps them) so the reviewer sees the plan of the item itself.</summary>
    private List<string> KnownCoordinators(DraftItem item) => item.Coordinating.Where(c => agencies.Resolve(c) is not null).ToList();

    private IEnumerable<(string Label, string? Lead)> PerLead(DraftItem item)
    {
        if (item.Leads is not { Count: > 1 } leads) { yield return (item.Label ?? "", item.Lead); yield break; }
        foreach (var lead in leads)
        {
            var agency = agencies.Resolve(lead);
            yield return ($"{item.Label}.{agency?.LabelSuffix ?? agency?.Code ?? SuffixOf(lead)}", lead);
        }
    }

    private static string SuffixOf(string lead) =>
        new string(Common.TextNormalizer.Fold(lead).Split(' ').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0])).ToArray());

    private DraftPlanRow Row(TrackedItem t, DateOnly today, DateOnly issued, string sourceLabel)
    {
        var inCharge = t.LeadOn(today, agencies);
        var plan = t.Deadline.HasDueDate
            ? EscalationPlanner.PlanFor(t, EscalationPolicy.Default, interpreter.Calendar, notBefore: issued)
            : [];
        var firstStep = plan.Count > 0 ? plan[0] : null;
        return new DraftPlanRow(
            t.Label, sourceLabel, t.Kind.ToString().ToLowerInvariant(), t.LeadAsWritten, t.LeadCode, inCharge.Name, inCharge.Code,
            t.Deadline.Phrase.Length == 0 ? null : t.Deadline.Phrase, t.Deadline.Kind.ToString().ToLowerInvariant(),
            t.Deadline.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.Deadline.Rule,
            firstStep?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
