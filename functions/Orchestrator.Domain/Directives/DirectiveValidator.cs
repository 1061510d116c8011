using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Deadlines;

namespace Orchestrator.Domain.Directives;

/// <summary>Checks a whole directive and reports every problem at once, each with its field path
/// and what was expected, so a transcriber fixes a document in one pass.</summary>
public sealed class DirectiveValidator(AgencyDirectory agencies, DeadlineInterpreter interpreter)
{
    /// <summary>How far an item's date may be from the day it waits for (dueAfter.offsetDays).</summary>
    public const int MaxOffsetDays = 366;

    public IReadOnlyList<ValidationProblem> Validate(Directive d) => Check(d).Errors;

    /// <summary>Every error (the directive is refused) and every warning (it is imported, and the
    /// import answers with them): an unknown coordinating agency is a warning, as the tracked item
    /// depends only on its lead.</summary>
    public DirectiveCheck Check(Directive d)
    {
        var problems = new List<ValidationProblem>();
        var warnings = new List<ValidationProblem>();
        void Add(string path, string code, string message) => problems.Add(new(path, code, message));
        void Require(string? value, string path, string what)
        {
            if (string.IsNullOrWhiteSpace(value)) Add(path, ProblemCodes.Required, $"expected {what}");
        }

        var bounds = new DirectiveBounds(Add);

        // JSON null where a list or a list element is expected: named here instead of failing below.
        bool NoNulls<T>(IReadOnlyList<T>? list, string path)
        {
            if (list is null) { Add(path, ProblemCodes.Required, "expected a list, got null"); return false; }
            for (var j = 0; j < list.Count; j++)
                if (list[j] is null) { Add($"{path}[{j}]", ProblemCodes.Required, "expected a value, got null"); return false; }
            return true;
        }

        Require(d.Number, "number", "the document number before the slash, e.g. \"6411\"");
        bounds.Id(d.Number, "number", IdGrammar.IsNumber, IdGrammar.NumberExpected);
        Require(d.Code, "code", "the issuer-unit code after the slash, e.g. \"VPCP-KTTH\"");
        bounds.Id(d.Code, "code", IdGrammar.IsCode, IdGrammar.CodeExpected);
        if (d.IssueDate is null) Add("issueDate", ProblemCodes.Required, "expected the issue date as YYYY-MM-DD");
        bounds.Date(d.IssueDate, "issueDate");
        foreach (var (value, path) in new[] { (d.Issuer, "issuer"), (d.Place, "place"), (d.Signer?.Name, "signer.name"),
                     (d.Signer?.Title, "signer.title"), (d.Signer?.Authority, "signer.authority"), (d.TrackingOffice, "trackingOffice") })
            bounds.Text(value, path, DirectiveLimits.Name);
        bounds.Text(d.Subject, "subject", DirectiveLimits.Subject, multiline: true);
        if (!NoNulls(d.Items, "items")) return new(problems, warnings);
        if (d.Reconstructed is { } reconstructed && NoNulls(reconstructed, "reconstructed")) bounds.Texts(reconstructed, "reconstructed", DirectiveLimits.Name);
        var recipients = NoNulls(d.Recipients, "recipients") ? d.Recipients : [];
        bounds.Texts(recipients, "recipients", DirectiveLimits.Name);
        Require(d.Issuer, "issuer", "the issuing body, e.g. \"Văn phòng Chính phủ\"");
        Require(d.Subject, "subject", "the subject line, \"V/v ...\"");
        // An issue date out of range is reported above; dates are not computed from it.
        var issued = d.IssueDate is { } issueDate && DirectiveLimits.IsInRange(issueDate) ? d.IssueDate : null;
        if (d.TrackingOffice is { } office && TextRules.Problem(office, DirectiveLimits.Name) is null && agencies.Resolve(office) is null)
            Add("trackingOffice", ProblemCodes.UnknownAgency, UnknownAgencyMessage(office));
        if (d.Items.Count == 0) Add("items", ProblemCodes.Required, "expected at least one item");

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = d.Items[i];
            var at = $"items[{i}]";
            if (!NoNulls(item.Coordinating, $"{at}.coordinating") | !NoNulls(item.Milestones, $"{at}.milestones")
                | !NoNulls(item.Transfers, $"{at}.transfers") | (item.Leads is { } l && !NoNulls(l, $"{at}.leads"))
                | (item.Reconstructed is { } r && !NoNulls(r, $"{at}.reconstructed"))) continue;
            Require(item.Label, $"{at}.label", "a label from the document's numbering, e.g. \"2.a.3\"");
            Require(item.Text, $"{at}.text", "the task text, verbatim");
            var itemStart = problems.Count;
            CheckBounds(item, at, bounds);
            // An id, a text or a date out of bounds makes the checks below meaningless (or slow: the
            // nearest agency names of a 40,000-character lead). The document is refused anyway.
            if (problems.Count > itemStart) continue;

            var leads = CheckLeads(item, at, Add);
            for (var j = 0; j < item.Coordinating.Count; j++)
            {
                if (agencies.Resolve(item.Coordinating[j]) is null)
                    warnings.Add(new($"{at}.coordinating[{j}]", ProblemCodes.UnknownAgency,
                        UnknownAgencyMessage(item.Coordinating[j]) + ". Imported as written: the item depends only on its lead"));
            }
            CheckDueAfter(item, at, Add);
            for (var j = 0; j < item.Transfers.Count; j++)
            {
                var t = item.Transfers[j];
                if (t.To is null || agencies.Resolve(t.To) is null)
                    Add($"{at}.transfers[{j}].to", ProblemCodes.UnknownAgency, UnknownAgencyMessage(t.To ?? ""));
                if (t.Effective is null) Add($"{at}.transfers[{j}].effective", ProblemCodes.Required, "expected the date the transfer takes effect");
            }

            if (item.Label is { Length: > 0 } label)
            {
                foreach (var expanded in DirectivePlanner.LabelsFor(item, leads, agencies, issued))
                {
                    if (!IdGrammar.IsLabel(expanded))
                        Add($"{at}.label", ProblemCodes.InvalidId, $"expected a shorter label: with the group member's suffix it is \"{expanded}\"; {IdGrammar.LabelExpected}");
                    else if (labels.TryGetValue(expanded, out var first))
                        Add($"{at}.label", ProblemCodes.DuplicateLabel, $"expected a unique label; \"{expanded}\" is already used by {first}");
                    else labels[expanded] = $"{at}.label";
                }
            }

            CheckDates(item, at, issued, Add);
        }
        CheckLinks(d, Add);
        return new(problems, warnings);
    }

    /// <summary>What an item's date waits for: one event or one item, a bounded offset, and no date of its own.</summary>
    private static void CheckDueAfter(DirectiveItem item, string at, Action<string, string, string> add)
    {
        if (item.DueAfter is not { } after) return;
        if (string.IsNullOrWhiteSpace(after.Event) == string.IsNullOrWhiteSpace(after.Item))
            add($"{at}.dueAfter", ProblemCodes.Required, "expected exactly one of event (the name of an event recorded through the API) or item (the label of another item)");
        var min = string.IsNullOrWhiteSpace(after.Item) ? -MaxOffsetDays : 0;
        if (after.OffsetDays is { } offset && (offset < min || offset > MaxOffsetDays))
            add($"{at}.dueAfter.offsetDays", ProblemCodes.OutOfRange, $"expected a number of days from {min} to {MaxOffsetDays}; got {offset}");
        if (item.ExplicitDate is not null)
            add($"{at}.explicitDate", ProblemCodes.DueAfterWithDate, "expected no explicit date on an item whose date waits for an event or an item (dueAfter)");
        if (item.Kind == ItemKind.Standing)
            add($"{at}.dueAfter", ProblemCodes.DueAfterWithDate, "expected no dueAfter on a standing requirement: it is recorded, not tracked");
    }

    /// <summary>
    /// parent and dueAfter.item name another item of the directive by its label. The named item must
    /// be tracked as one item (not expanded to several leads), and the links must not loop: a parent
    /// that is its own part, or an item waiting for itself, would never end.
    /// </summary>
    private void CheckLinks(Directive d, Action<string, string, string> add)
    {
        var bySource = new Dictionary<string, DirectiveItem>(StringComparer.Ordinal);
        foreach (var item in d.Items)
            if (item?.Label is { Length: > 0 } label) bySource.TryAdd(label, item);

        void CheckTarget(DirectiveItem item, string? target, string path, string role)
        {
            if (target is null) return;
            if (!bySource.TryGetValue(target, out var named) || ReferenceEquals(named, item))
            {
                add(path, ProblemCodes.UnknownItem, $"expected the label of another item of this directive; \"{target}\" is not one");
                return;
            }
            if (named.Kind == ItemKind.Standing)
                add(path, ProblemCodes.UnknownItem, $"expected a tracked item as {role}; \"{target}\" is a standing requirement, recorded, not tracked");
            else if (named.Leads is { Count: > 1 } || (ResolveLead(named) is { Kind: AgencyKind.Group }))
                add(path, ProblemCodes.UnknownItem, $"expected an item tracked as one item as {role}; \"{target}\" is tracked once per lead");
        }

        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = d.Items[i];
            if (item is null) continue;
            CheckTarget(item, item.Parent, $"items[{i}].parent", "parent");
            if (item.Parent is not null && item.Kind == ItemKind.Standing)
                add($"items[{i}].parent", ProblemCodes.UnknownItem, "expected a tracked item as a part; a standing requirement is recorded, not tracked");
            CheckTarget(item, item.DueAfter?.Item, $"items[{i}].dueAfter.item", "the item to wait for");
            if (Loops(item, x => x.Parent, bySource)) add($"items[{i}].parent", ProblemCodes.LinkLoop, "expected parents that end: this item is, through its parents, a part of itself");
            if (Loops(item, x => x.DueAfter?.Item, bySource)) add($"items[{i}].dueAfter.item", ProblemCodes.LinkLoop, "expected items to wait for that end: this item waits, through others, for itself");
        }
    }

    private static bool Loops(DirectiveItem start, Func<DirectiveItem, string?> next, Dictionary<string, DirectiveItem> bySource)
    {
        var seen = new HashSet<DirectiveItem>(ReferenceEqualityComparer.Instance);
        for (var at = start; next(at) is { } label && bySource.TryGetValue(label, out var n); at = n)
        {
            if (ReferenceEquals(n, start)) return true;
            if (!seen.Add(n)) return false; // a loop further on, reported at its own items
        }
        return false;
    }

    private Agency? ResolveLead(DirectiveItem item) =>
        item.LeadCode is { Length: > 0 } code ? agencies.FindByCode(code) : item.Lead is { Length: > 0 } lead ? agencies.Resolve(lead) : null;

    /// <summary>The id grammar, the text limits and the date range of an item's fields (<see cref="DirectiveLimits"/>).</summary>
    private static void CheckBounds(DirectiveItem item, string at, DirectiveBounds bounds)
    {
        bounds.Id(item.Label, $"{at}.label", IdGrammar.IsLabel, IdGrammar.LabelExpected);
        bounds.Text(item.Text, $"{at}.text", DirectiveLimits.TaskText, multiline: true);
        bounds.Text(item.Lead, $"{at}.lead", DirectiveLimits.Name);
        if (item.Leads is { } leads) bounds.Texts(leads, $"{at}.leads", DirectiveLimits.Name);
        if (item.Reconstructed is { } reconstructed) bounds.Texts(reconstructed, $"{at}.reconstructed", DirectiveLimits.Name);
        bounds.Id(item.Parent, $"{at}.parent", IdGrammar.IsLabel, IdGrammar.LabelExpected);
        bounds.Id(item.DueAfter?.Item, $"{at}.dueAfter.item", IdGrammar.IsLabel, IdGrammar.LabelExpected);
        bounds.Text(item.DueAfter?.Event, $"{at}.dueAfter.event", DirectiveLimits.Name);
        bounds.Text(item.LeadCode, $"{at}.leadCode", DirectiveLimits.Name);
        bounds.Text(item.DeadlinePhrase, $"{at}.deadlinePhrase", DirectiveLimits.Phrase);
        bounds.Text(item.ExplicitDateReason, $"{at}.explicitDateReason", DirectiveLimits.Reason, multiline: true);
        bounds.Date(item.ExplicitDate, $"{at}.explicitDate");
        bounds.Texts(item.Coordinating, $"{at}.coordinating", DirectiveLimits.Name);
        bounds.Count(item.Milestones.Count, $"{at}.milestones");
        for (var j = 0; j < item.Milestones.Count; j++)
        {
            // A milestone id becomes part of a step id, which is part of storage keys: the label grammar.
            bounds.Id(item.Milestones[j].Id, $"{at}.milestones[{j}].id", IdGrammar.IsLabel, IdGrammar.LabelExpected);
            bounds.Text(item.Milestones[j].Description, $"{at}.milestones[{j}].description", DirectiveLimits.Reason, multiline: true);
            bounds.Date(item.Milestones[j].Date, $"{at}.milestones[{j}].date");
        }
        bounds.Count(item.Transfers.Count, $"{at}.transfers");
        for (var j = 0; j < item.Transfers.Count; j++)
        {
            bounds.Text(item.Transfers[j].To, $"{at}.transfers[{j}].to", DirectiveLimits.Name);
            bounds.Text(item.Transfers[j].Reason, $"{at}.transfers[{j}].reason", DirectiveLimits.Reason, multiline: true);
            bounds.Date(item.Transfers[j].Effective, $"{at}.transfers[{j}].effective");
        }
    }

    /// <summary>The item's leads: its one lead (or lead code), or each of <see cref="DirectiveItem.Leads"/>.</summary>
    private List<Agency> CheckLeads(DirectiveItem item, string at, Action<string, string, string> add)
    {
        if (item.Leads is not { Count: > 0 } written)
            return CheckLead(item, at, add) is { } one ? [one] : [];
        if (!string.IsNullOrWhiteSpace(item.Lead) || !string.IsNullOrWhiteSpace(item.LeadCode))
            add($"{at}.leads", ProblemCodes.LeadsAndLead, "expected either lead (or leadCode) or leads, not both");
        var leads = new List<Agency>();
        for (var j = 0; j < written.Count; j++)
        {
            var lead = agencies.Resolve(written[j]);
            if (lead is null) add($"{at}.leads[{j}]", ProblemCodes.UnknownAgency, UnknownAgencyMessage(written[j]));
            else if (lead.Kind == AgencyKind.Descriptive)
                add($"{at}.leads[{j}]", ProblemCodes.LeadNotAnAgency, $"expected a named agency or group as lead; \"{lead.Name}\" names no one in particular");
            else leads.Add(lead);
        }
        return leads;
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
            add($"{at}.lead", ProblemCodes.Required, "expected the lead agency (\"chủ trì\"), or leads when several agencies each own the task");
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
        // A date that waits for an event is not read from the words: they are kept as written.
        if (item.DueAfter is not null) return;
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

/// <summary>The outcome of <see cref="DirectiveValidator.Check"/>: errors refuse the directive, warnings do not.</summary>
public sealed record DirectiveCheck(IReadOnlyList<ValidationProblem> Errors, IReadOnlyList<ValidationProblem> Warnings);

/// <summary>Reports a field outside the id grammar, its text limit, the date range or the list length.</summary>
internal sealed class DirectiveBounds(Action<string, string, string> add)
{
    public void Id(string? value, string path, Func<string?, bool> valid, string expected)
    {
        if (!string.IsNullOrWhiteSpace(value) && !valid(value)) add(path, ProblemCodes.InvalidId, "expected " + expected);
    }

    public void Text(string? value, string path, int maxLength, bool multiline = false)
    {
        if (TextRules.Problem(value, maxLength, multiline) is { } problem) add(path, ProblemCodes.InvalidText, "expected " + problem);
    }

    public void Texts(IReadOnlyList<string> values, string path, int maxLength)
    {
        Count(values.Count, path);
        for (var j = 0; j < values.Count; j++) Text(values[j], $"{path}[{j}]", maxLength);
    }

    public void Count(int count, string path)
    {
        if (count > DirectiveLimits.ListCount)
            add(path, ProblemCodes.OutOfRange, $"expected at most {DirectiveLimits.ListCount} entries; got {count}");
    }

    public void Date(DateOnly? value, string path)
    {
        if (value is { } date && !DirectiveLimits.IsInRange(date))
            add(path, ProblemCodes.OutOfRange,
                $"expected a date from {DirectiveLimits.EarliestDate:yyyy-MM-dd} to {DirectiveLimits.LatestDate:yyyy-MM-dd}; got {date:yyyy-MM-dd}");
    }
}
