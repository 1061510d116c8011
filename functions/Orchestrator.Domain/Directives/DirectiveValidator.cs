using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;

namespace Orchestrator.Domain.Directives;

/// <summary>Checks a whole directive and reports every problem at once, each with its field path
/// and what was expected, so a transcriber fixes a document in one pass.</summary>
public sealed class DirectiveValidator(AgencyDirectory agencies, DeadlineInterpreter interpreter)
{
    public IReadOnlyList<ValidationProblem> Validate(Directive d)
    {
        var problems = new List<ValidationProblem>();
        void Add(string path, string code, string message) => problems.Add(new(path, code, message));
        void Require(string? value, string path, string what)
        {
            if (string.IsNullOrWhiteSpace(value)) Add(path, ProblemCodes.Required, $"expected {what}");
        }

        Require(d.Number, "number", "the document number before the slash, e.g. \"6411\"");
        Require(d.Code, "code", "the issuer-unit code after the slash, e.g. \"VPCP-KTTH\"");
        if (d.IssueDate is null) Add("issueDate", ProblemCodes.Required, "expected the issue date as YYYY-MM-DD");
        Require(d.Issuer, "issuer", "the issuing body, e.g. \"Văn phòng Chính phủ\"");
        Require(d.Subject, "subject", "the subject line, \"V/v ...\"");
        if (d.TrackingOffice is { } office && agencies.Resolve(office) is null)
            Add("trackingOffice", ProblemCodes.UnknownAgency, UnknownAgencyMessage(office));
        if (d.Items.Count == 0) Add("items", ProblemCodes.Required, "expected at least one item");

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = d.Items[i];
            var at = $"items[{i}]";
            Require(item.Label, $"{at}.label", "a label from the document's numbering, e.g. \"2.a.3\"");
            Require(item.Text, $"{at}.text", "the task text, verbatim");

            var lead = CheckLead(item, at, Add);
            for (var j = 0; j < item.Coordinating.Count; j++)
            {
                if (agencies.Resolve(item.Coordinating[j]) is null)
                    Add($"{at}.coordinating[{j}]", ProblemCodes.UnknownAgency, UnknownAgencyMessage(item.Coordinating[j]));
            }
            for (var j = 0; j < item.Transfers.Count; j++)
            {
                var t = item.Transfers[j];
                if (t.To is null || agencies.Resolve(t.To) is null)
                    Add($"{at}.transfers[{j}].to", ProblemCodes.UnknownAgency, UnknownAgencyMessage(t.To ?? ""));
                if (t.Effective is null) Add($"{at}.transfers[{j}].effective", ProblemCodes.Required, "expected the date the transfer takes effect");
            }

            if (item.Label is { Length: > 0 } label)
            {
                foreach (var expanded in DirectivePlanner.LabelsFor(item, lead, agencies))
                {
                    if (labels.TryGetValue(expanded, out var first))
                        Add($"{at}.label", ProblemCodes.DuplicateLabel, $"expected a unique label; \"{expanded}\" is already used by {first}");
                    else labels[expanded] = $"{at}.label";
                }
            }

            CheckDates(item, at, d.IssueDate, Add);
        }
        return problems;
    }

    private Agency? CheckLead(DirectiveItem item, string at, Action<string, string, string> add)
    {
        Agency? lead = null;
        if (item.LeadCode is { Length: > 0 } code)
        {
            lead = agencies.FindByCode(code);
            if (lead is null) add($"{at}.leadCode", ProblemCodes.UnknownAgency, $"expected a directory code; \"{code}\" is unknown");
        }
        else if (string.IsNullOrWhiteSpace(item.Lead))
        {
            add($"{at}.lead", ProblemCodes.Required, "expected exactly one lead agency (\"chủ trì\")");
        }
        else
        {
            lead = agencies.Resolve(item.Lead);
            if (lead is null) add($"{at}.lead", ProblemCodes.UnknownAgency, UnknownAgencyMessage(item.Lead));
        }
        if (lead is { Kind: AgencyKind.Descriptive })
            add($"{at}.lead", ProblemCodes.LeadNotAnAgency, $"expected one named agency or group as lead; \"{lead.Name}\" names no one in particular");
        return lead;
    }

    private void CheckDates(DirectiveItem item, string at, DateOnly? issued, Action<string, string, string> add)
    {
        if (item.ExplicitDate is { } explicitDate)
        {
            if (issued is { } i && explicitDate < i)
                add($"{at}.explicitDate", ProblemCodes.ExplicitDateBeforeIssue, $"expected a date on or after the issue date {i:yyyy-MM-dd}; got {explicitDate:yyyy-MM-dd}");
            if (string.IsNullOrWhiteSpace(item.ExplicitDateReason))
                add($"{at}.explicitDateReason", ProblemCodes.ExplicitDateWithoutReason, "expected the reason the explicit date overrides the phrase");
        }
        for (var j = 0; j < item.Milestones.Count; j++)
        {
            var m = item.Milestones[j];
            if (string.IsNullOrWhiteSpace(m.Id)) add($"{at}.milestones[{j}].id", ProblemCodes.Required, "expected a milestone id, e.g. \"draft\"");
            if (m.Date is null) add($"{at}.milestones[{j}].date", ProblemCodes.Required, "expected the milestone date as YYYY-MM-DD");
            else if (issued is { } i && m.Date < i)
                add($"{at}.milestones[{j}].date", ProblemCodes.MilestoneBeforeIssue, $"expected a date on or after the issue date {i:yyyy-MM-dd}; got {m.Date:yyyy-MM-dd}");
        }
        // Nothing more to compute without an issue date, or when the date is already wrong.
        if (issued is not { } issueDate || item.ExplicitDate < issueDate) return;
        try
        {
            DirectivePlanner.Interpret(interpreter, item, issueDate);
        }
        catch (UnreadableDeadlineException e)
        {
            add($"{at}.deadlinePhrase", ProblemCodes.UnreadableDeadline, e.Message);
        }
        catch (CalendarYearMissingException e)
        {
            add(item.ExplicitDate is null ? $"{at}.deadlinePhrase" : $"{at}.explicitDate", ProblemCodes.CalendarYearMissing, e.Message);
        }
    }

    private string UnknownAgencyMessage(string written) =>
        $"expected a known agency; \"{written}\" is unknown. Nearest known: {string.Join(", ", agencies.Nearest(written).Select(n => $"\"{n}\""))}";
}
