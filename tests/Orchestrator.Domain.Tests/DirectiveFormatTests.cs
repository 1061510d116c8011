using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

/// <summary>What real letters need from the format (issue 10, §2): several leads, urgency beside a
/// date, a date that waits for an event or an item, parts of a deliverable, unknown coordinating
/// agencies as warnings, and the letter's metadata.</summary>
public class DirectiveFormatTests
{
    private static Directive With(params DirectiveItem[] items) => new()
    {
        Number = "1", Code = "VPCP-KTTH", IssueDate = Issued, Issuer = "Văn phòng Chính phủ", Subject = "V/v thử", Items = items,
    };

    private static DirectiveItem Task(string label, string? lead = "Bộ Tài chính", string? phrase = "quý IV năm 2023") =>
        new() { Label = label, Text = "Nhiệm vụ", Lead = lead, DeadlinePhrase = phrase };

    [Fact]
    public void Several_leads_are_one_tracked_item_each_labelled_like_a_group_member()
    {
        var plan = Planner.Plan(With(Task("2", lead: null) with { Leads = ["Bộ Công Thương", "Bộ Xây dựng"], Coordinating = ["Bộ Tài chính"] }));
        Assert.Equal(["2.BCT", "2.BXD"], plan.Items.Select(i => i.Label));
        Assert.Equal(["BCT", "BXD"], plan.Items.Select(i => i.LeadCode));
        Assert.Equal(["Bộ Công Thương", "Bộ Xây dựng"], plan.Items.Select(i => i.LeadAsWritten));
        Assert.All(plan.Items, i => Assert.Equal("2", i.SourceLabel));
    }

    [Fact]
    public void A_joint_instruction_stays_one_item_with_its_coordinator()
    {
        var plan = Planner.Plan(With(Task("1") with { Coordinating = ["Bộ Xây dựng"] }));
        var item = Assert.Single(plan.Items);
        Assert.Equal(("1", "BTC"), (item.Label, item.LeadCode));
        Assert.Equal("BXD", Assert.Single(item.Coordinating).Code);
    }

    [Fact]
    public void Lead_and_leads_are_exclusive_and_each_lead_must_be_known()
    {
        var problems = Planner.Validate(With(Task("1") with { Leads = ["Bộ Công Thương", "Bộ Không Có"] }));
        Assert.Contains(problems, p => (p.Path, p.Code) == ("items[0].leads", ProblemCodes.LeadsAndLead));
        Assert.Contains(problems, p => (p.Path, p.Code) == ("items[0].leads[1]", ProblemCodes.UnknownAgency));
        var twice = Planner.Validate(With(Task("1", lead: null) with { Leads = ["Bộ Công Thương", "BCT"] }));
        Assert.Contains(twice, p => (p.Path, p.Code) == ("items[0].label", ProblemCodes.DuplicateLabel));
    }

    [Fact]
    public void Unknown_coordinating_agencies_are_warnings_and_the_item_is_planned()
    {
        var d = With(Task("1") with { Coordinating = ["Bộ Y tế", "Ban Không Có Thật"] });
        var check = Planner.Check(d);
        Assert.Empty(check.Errors);
        var warning = Assert.Single(check.Warnings);
        Assert.Equal(("items[0].coordinating[1]", ProblemCodes.UnknownAgency), (warning.Path, warning.Code));
        var plan = Planner.Plan(d);
        Assert.Equal(warning, Assert.Single(plan.Warnings));
        Assert.Equal([("Bộ Y tế", (string?)"BYT"), ("Ban Không Có Thật", null)], plan.Items[0].Coordinating.Select(c => (c.AsWritten, c.Code)));
    }

    [Fact]
    public void Urgent_is_kept_beside_a_date_from_the_words_or_the_reviewer()
    {
        var plan = Planner.Plan(With(
            Task("1", phrase: "Khẩn trương hoàn thành trước ngày 15 tháng 12 năm 2023"),
            Task("2", phrase: "trước ngày 15/12/2023") with { Urgent = true },
            Task("3", phrase: "trước ngày 15/12/2023")));
        Assert.All(plan.Items, i => Assert.Equal((DeadlineKind.Date, D("2023-12-14")), (i.Deadline.Kind, i.Deadline.WordsDate!.Value)));
        Assert.Equal([true, true, false], plan.Items.Select(i => i.Deadline.IsUrgent));
    }

    [Fact]
    public void A_date_that_waits_keeps_its_words_and_has_no_due_date_yet()
    {
        var plan = Planner.Plan(With(
            Task("1", phrase: "trước khi trình Thủ tướng Chính phủ") with { DueAfter = new() { Event = "trình Thủ tướng Chính phủ", OffsetDays = -1 } },
            Task("2"),
            Task("3", phrase: null) with { DueAfter = new() { Item = "2", OffsetDays = 10 } }));
        var waiting = plan.Items[0];
        Assert.Null(waiting.Deadline.DueDate);
        Assert.Equal("trước khi trình Thủ tướng Chính phủ", waiting.Deadline.Phrase);
        Assert.Contains("trình Thủ tướng Chính phủ", waiting.Deadline.Rule);
        Assert.Equal("trình Thủ tướng Chính phủ", waiting.DueAfter!.Event);
        Assert.Equal(["3"], plan.Items[1].Dependents);
        Assert.Null(plan.Items[2].Deadline.DueDate);
    }

    [Theory]
    [InlineData("{}", "items[0].dueAfter", ProblemCodes.Required)]
    [InlineData("""{"event":"x","item":"2"}""", "items[0].dueAfter", ProblemCodes.Required)]
    [InlineData("""{"item":"9"}""", "items[0].dueAfter.item", ProblemCodes.UnknownItem)]
    [InlineData("""{"item":"1"}""", "items[0].dueAfter.item", ProblemCodes.UnknownItem)]
    [InlineData("""{"item":"3"}""", "items[0].dueAfter.item", ProblemCodes.UnknownItem)]
    [InlineData("""{"item":"2","offsetDays":-1}""", "items[0].dueAfter.offsetDays", ProblemCodes.OutOfRange)]
    [InlineData("""{"event":"x","offsetDays":400}""", "items[0].dueAfter.offsetDays", ProblemCodes.OutOfRange)]
    public void DueAfter_errors_name_the_field(string dueAfterJson, string path, string code)
    {
        var after = System.Text.Json.JsonSerializer.Deserialize<DueAfter>(dueAfterJson, DirectiveJson.Options)!;
        var d = With(Task("1", phrase: null) with { DueAfter = after }, Task("2"), Task("3", lead: "các Hội đồng điều phối vùng"));
        Assert.Contains(Planner.Validate(d), p => (p.Path, p.Code) == (path, code));
    }

    [Fact]
    public void Items_that_wait_for_each_other_are_refused()
    {
        var d = With(Task("1", phrase: null) with { DueAfter = new() { Item = "2" } }, Task("2", phrase: null) with { DueAfter = new() { Item = "1" } });
        var problems = Planner.Validate(d);
        Assert.Contains(problems, p => (p.Path, p.Code) == ("items[0].dueAfter.item", ProblemCodes.LinkLoop));
        Assert.Contains(problems, p => (p.Path, p.Code) == ("items[1].dueAfter.item", ProblemCodes.LinkLoop));
        var dated = Planner.Validate(With(Task("1") with { DueAfter = new() { Event = "x" }, ExplicitDate = D("2023-12-01"), ExplicitDateReason = "r" }));
        Assert.Contains(dated, p => (p.Path, p.Code) == ("items[0].explicitDate", ProblemCodes.DueAfterWithDate));
    }

    [Fact]
    public void Parts_name_their_parent_and_the_parent_knows_its_parts()
    {
        var plan = Planner.Plan(With(
            Task("4"),
            Task("4.a") with { Parent = "4" },
            Task("4.b", lead: null) with { Parent = "4", Leads = ["Bộ Công Thương", "Bộ Xây dựng"] }));
        var parent = plan.Items.Single(i => i.Label == "4");
        Assert.Equal(["4.a", "4.b.BCT", "4.b.BXD"], parent.Parts);
        Assert.All(plan.Items.Where(i => i.Label != "4"), i => Assert.Equal("4", i.Parent));
    }

    [Fact]
    public void A_parent_must_be_another_tracked_item_and_parents_must_not_loop()
    {
        var problems = Planner.Validate(With(Task("1") with { Parent = "9" }, Task("2") with { Parent = "3" }, Task("3") with { Parent = "2" },
            Task("5") with { Parent = "6" }, Task("6", lead: "các Hội đồng điều phối vùng")));
        Assert.Contains(problems, p => (p.Path, p.Code) == ("items[0].parent", ProblemCodes.UnknownItem));
        Assert.Contains(problems, p => (p.Path, p.Code) == ("items[1].parent", ProblemCodes.LinkLoop));
        Assert.Contains(problems, p => (p.Path, p.Code) == ("items[3].parent", ProblemCodes.UnknownItem));
    }

    [Fact]
    public void Metadata_reads_and_a_directive_without_the_new_fields_writes_as_before()
    {
        const string json = """
            { "number": "1", "code": "VPCP-KTTH", "issueDate": "2023-08-19", "issuer": "Văn phòng Chính phủ", "subject": "V/v thử",
              "documentType": "thongBao", "reconstructed": ["signer.name"],
              "items": [ { "label": "1", "kind": "task", "text": "t", "lead": "Bộ Tài chính", "reconstructed": ["lead"] } ] }
            """;
        var (d, problem) = DirectiveJson.Read(json);
        Assert.Null(problem);
        Assert.Equal(DocumentType.ThongBao, d!.DocumentType);
        Assert.Equal(["signer.name"], d.Reconstructed);
        Assert.Equal(["lead"], d.Items[0].Reconstructed);
        Assert.Empty(Planner.Validate(d));

        var plain = DirectiveJson.Write(DirectiveJson.Sample("6411-VPCP-KTTH"));
        foreach (var field in new[] { "documentType", "reconstructed", "leads", "urgent", "dueAfter", "parent" })
            Assert.DoesNotContain($"\"{field}\"", plain);
    }

    [Fact]
    public void The_schema_names_every_field_of_the_format()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(DirectiveJson.SchemaText());
        static IEnumerable<string> Names(System.Text.Json.JsonElement properties) => properties.EnumerateObject().Select(p => p.Name);
        static IEnumerable<string> Fields(Type t) => t.GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonIgnoreAttribute>().All(a => a.Condition != System.Text.Json.Serialization.JsonIgnoreCondition.Always))
            .Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        var root = schema.RootElement;
        Assert.Equal(Fields(typeof(Directive)).Order(), Names(root.GetProperty("properties")).Order());
        var item = root.GetProperty("$defs").GetProperty("item").GetProperty("properties");
        Assert.Equal(Fields(typeof(DirectiveItem)).Order(), Names(item).Order());
        Assert.Equal(Fields(typeof(DueAfter)).Order(), Names(item.GetProperty("dueAfter").GetProperty("properties")).Order());
    }
}
