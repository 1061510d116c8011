using Orchestrator.Domain.Directives;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

public class DirectiveValidatorTests
{
    private static Directive Valid(params DirectiveItem[] items) => new()
    {
        Number = "1", Code = "VPCP-KTTH", IssueDate = Issued, Issuer = "Văn phòng Chính phủ", Subject = "V/v thử",
        Items = items.Length > 0 ? items : [Task("1", "Bộ Tài chính", "quý IV năm 2023")],
    };

    private static DirectiveItem Task(string label, string lead, string? phrase = null) =>
        new() { Label = label, Text = "Nhiệm vụ", Lead = lead, DeadlinePhrase = phrase };

    private static ValidationProblem Single(Directive d)
    {
        var problems = Planner.Validate(d);
        return Assert.Single(problems);
    }

    [Fact]
    public void A_valid_directive_has_no_problems() => Assert.Empty(Planner.Validate(Valid()));

    [Fact]
    public void Unknown_agency_names_the_path_and_the_nearest_known_names()
    {
        // An unknown coordinating agency is a warning (DirectiveFormatTests), not an error.
        var p = Planner.Check(Valid(Task("1", "Bộ Tài chính"), Task("2", "Bộ Tài chính") with { Coordinating = ["Bộ Y tế", "Bộ Ngoại giao Việt"] })).Warnings.Single();
        Assert.Equal("items[1].coordinating[1]", p.Path);
        Assert.Equal(ProblemCodes.UnknownAgency, p.Code);
        Assert.Contains("\"Bộ Ngoại giao\"", p.Message);

        var lead = Planner.Validate(Valid(Task("1", "Bộ Khoa và và Công nghệ"))).Single();
        Assert.Equal("items[0].lead", lead.Path);
        Assert.Contains("\"Bộ Khoa học và Công nghệ\"", lead.Message);
    }

    [Fact]
    public void A_lead_code_resolves_a_misspelt_lead()
    {
        Assert.Empty(Planner.Validate(Valid(Task("1", "Bộ Khoa và và Công nghệ") with { LeadCode = "BKHCN" })));
        Assert.Equal("items[0].leadCode", Single(Valid(Task("1", "x") with { LeadCode = "NOPE" })).Path);
    }

    [Fact]
    public void A_descriptive_lead_is_rejected()
    {
        var p = Single(Valid(Task("1", "các Bộ, cơ quan liên quan")));
        Assert.Equal(("items[0].lead", ProblemCodes.LeadNotAnAgency), (p.Path, p.Code));
    }

    [Fact]
    public void Duplicate_labels_including_expanded_group_labels()
    {
        var p = Single(Valid(Task("2.a", "Bộ Tài chính"), Task("2.a", "Bộ Y tế")));
        Assert.Equal(("items[1].label", ProblemCodes.DuplicateLabel), (p.Path, p.Code));
        Assert.Contains("items[0].label", p.Message);

        var expanded = Single(Valid(Task("3.a", "các Hội đồng điều phối vùng"), Task("3.a.DBSH", "Bộ Y tế")));
        Assert.Equal("items[1].label", expanded.Path);
        Assert.Contains("3.a.DBSH", expanded.Message);
    }

    [Fact]
    public void Unreadable_deadline_quotes_the_phrase()
    {
        var p = Single(Valid(Task("1", "Bộ Y tế", "sau Tết")));
        Assert.Equal(("items[0].deadlinePhrase", ProblemCodes.UnreadableDeadline), (p.Path, p.Code));
        Assert.Contains("\"sau Tết\"", p.Message);
        Assert.Contains("Accepted forms", p.Message);
    }

    [Fact]
    public void An_explicit_date_overrides_an_unreadable_phrase()
    {
        var item = Task("1", "Bộ Y tế", "sau Tết") with { ExplicitDate = D("2024-02-20"), ExplicitDateReason = "VPCP letter 123" };
        Assert.Empty(Planner.Validate(Valid(item)));
        var tracked = Planner.Plan(Valid(item)).Items.Single();
        Assert.Equal(D("2024-02-20"), tracked.Deadline.DueDate);
        Assert.Contains("VPCP letter 123", tracked.Deadline.Rule);
    }

    [Fact]
    public void Explicit_date_before_the_issue_date_and_without_a_reason()
    {
        var problems = Planner.Validate(Valid(Task("1", "Bộ Y tế") with { ExplicitDate = D("2023-08-18") }));
        Assert.Equal(
            [("items[0].explicitDate", ProblemCodes.ExplicitDateBeforeIssue), ("items[0].explicitDateReason", ProblemCodes.ExplicitDateWithoutReason)],
            problems.Select(p => (p.Path, p.Code)));
        Assert.Contains("2023-08-19", problems[0].Message);
    }

    [Fact]
    public void Missing_fields_and_calendar_gaps_are_reported()
    {
        var d = new Directive { Items = [new DirectiveItem { Label = "1", DeadlinePhrase = "quý IV năm 2023" }] };
        var paths = Planner.Validate(d).Select(p => p.Path).ToList();
        Assert.Equal(["number", "code", "issueDate", "issuer", "subject", "items[0].text", "items[0].lead"], paths);

        var gap = Single(Valid(Task("1", "Bộ Y tế", "quý IV năm 2100")));
        Assert.Equal(("items[0].deadlinePhrase", ProblemCodes.CalendarYearMissing), (gap.Path, gap.Code));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var d = Valid(
            Task("1", "Bộ Không Tồn Tại", "quý IV năm 2023"),
            Task("1", "Bộ Y tế", "không rõ"),
            Task("2", "Bộ Y tế") with { ExplicitDate = D("2023-08-01"), ExplicitDateReason = "r" },
            Task("3", "Bộ Y tế") with { Milestones = [new Milestone { Id = "draft", Date = D("2023-01-01") }] });
        var codes = Planner.Validate(d).Select(p => $"{p.Path} {p.Code}").ToList();
        Assert.Equal(
        [
            "items[0].lead unknown-agency",
            "items[1].label duplicate-label",
            "items[1].deadlinePhrase unreadable-deadline",
            "items[2].explicitDate explicit-date-before-issue",
            "items[3].milestones[0].date milestone-before-issue",
        ], codes);
        var e = Assert.Throws<DirectiveValidationException>(() => Planner.Plan(d));
        Assert.Equal(5, e.Problems.Count);
    }

    [Fact]
    public void Malformed_json_names_where_it_broke()
    {
        var (directive, problem) = DirectiveJson.Read("""{ "number": "1", "items": [ { "label": "1", "kind": "sometimes" } ] }""");
        Assert.Null(directive);
        Assert.Equal(ProblemCodes.Json, problem!.Code);
        Assert.Equal("items[0].kind", problem.Path);
    }
}
