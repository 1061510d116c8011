using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

/// <summary>The id grammar, the text limits and the policy ranges, checked where a directive is validated.</summary>
public class InputLimitTests
{
    private static Directive Valid(string label = "1", string code = "VPCP-KTTH", string text = "Nhiệm vụ") => new()
    {
        Number = "1", Code = code, IssueDate = Issued, Issuer = "Văn phòng Chính phủ", Subject = "V/v thử",
        Items = [new DirectiveItem { Label = label, Text = text, Lead = "Bộ Tài chính", DeadlinePhrase = "quý IV năm 2023" }],
    };

    [Theory]
    [InlineData("1/2")]
    [InlineData("1\u00002")]
    [InlineData("<b>1</b>")]
    [InlineData("1:2")]
    [InlineData("1\n")]
    [InlineData("1.")]
    [InlineData("1..2")]
    [InlineData("1 2")]
    [InlineData("1%2F2")]
    [InlineData("a\u0306")] // NFD: a + combining breve
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")] // 65 characters
    public void A_label_outside_the_grammar_is_refused_at_its_path(string label)
    {
        var problem = Assert.Single(Planner.Validate(Valid(label: label)));
        Assert.Equal(("items[0].label", ProblemCodes.InvalidId), (problem.Path, problem.Code));
        Assert.False(IdGrammar.IsLabel(label));
    }

    [Theory]
    [InlineData("2.a.3")]
    [InlineData("2.đ")]
    [InlineData("II-1_b")]
    public void Labels_from_real_numbering_are_accepted(string label) => Assert.Empty(Planner.Validate(Valid(label: label)));

    [Theory]
    [InlineData("VPCP/KTTH")]
    [InlineData("VPCP\r\nKTTH")]
    [InlineData("VPCP-KTTH\n")]
    [InlineData("VPCP:KTTH")]
    [InlineData("-VPCP")]
    public void A_code_outside_the_grammar_is_refused(string code)
    {
        var problem = Assert.Single(Planner.Validate(Valid(code: code)));
        Assert.Equal(("code", ProblemCodes.InvalidId), (problem.Path, problem.Code));
    }

    [Fact]
    public void A_code_with_a_Vietnamese_letter_is_accepted_and_makes_a_valid_directive_id()
    {
        var directive = Valid(code: "NĐ-CP");
        Assert.Empty(Planner.Validate(directive));
        Assert.True(IdGrammar.IsDirectiveId(directive.Id));
    }

    [Fact]
    public void The_directive_id_pattern_refuses_a_trailing_newline() =>
        Assert.False(IdGrammar.IsDirectiveId("2023-6411-VPCP-KTTH\n"));

    [Fact]
    public void A_task_text_over_its_limit_or_with_a_NUL_is_refused_at_its_path()
    {
        var problem = Assert.Single(Planner.Validate(Valid(text: new string('x', DirectiveLimits.TaskText + 1))));
        Assert.Equal(("items[0].text", ProblemCodes.InvalidText), (problem.Path, problem.Code));
        Assert.Equal("items[0].text", Assert.Single(Planner.Validate(Valid(text: "a\0b"))).Path);
        Assert.Equal("items[0].text", Assert.Single(Planner.Validate(Valid(text: "a\ud800b"))).Path);
        Assert.Empty(Planner.Validate(Valid(text: "dòng 1\ndòng 2")));
    }

    [Fact]
    public void Dates_far_outside_the_calendar_are_refused_without_an_exception()
    {
        var late = Valid() with { IssueDate = new DateOnly(9999, 12, 31) };
        Assert.Contains(Planner.Validate(late), p => p is { Path: "issueDate", Code: ProblemCodes.OutOfRange });
        var item = Valid().Items[0] with { ExplicitDate = DateOnly.MaxValue, ExplicitDateReason = "x" };
        Assert.Contains(Planner.Validate(Valid() with { Items = [item] }), p => p.Path == "items[0].explicitDate");
    }

    [Fact]
    public void Null_lists_and_elements_are_named_not_thrown()
    {
        Assert.Contains(Planner.Validate(Valid() with { Items = null! }), p => p.Path == "items");
        var item = Valid().Items[0] with { Milestones = [null!] };
        Assert.Contains(Planner.Validate(Valid() with { Items = [item] }), p => p.Path == "items[0].milestones[0]");
    }

    [Fact]
    public void A_policy_with_a_million_repeats_and_a_zero_interval_is_out_of_range()
    {
        var policy = EscalationPolicy.Default with { Level3MaxRepeats = 1_000_000, Level3RepeatEveryDays = 0 };
        var problems = policy.Validate();
        Assert.Equal(["level3RepeatEveryDays", "level3MaxRepeats"], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Equal(ProblemCodes.OutOfRange, p.Code));
        Assert.Empty(EscalationPolicy.Default.Validate());
    }
}
