using System.Text.Json;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

public class SampleDirectiveTests
{
    private static readonly Directive Sample = DirectiveJson.Sample("6411-VPCP-KTTH");

    [Fact]
    public void The_sample_reads_with_its_identity()
    {
        Assert.Equal("6411/VPCP-KTTH", Sample.DocumentNumber);
        Assert.Equal("2023-6411-VPCP-KTTH", Sample.Id);
        Assert.Equal(Issued, Sample.IssueDate);
        Assert.Equal("Mai Thị Thu Vân", Sample.Signer?.Name);
        Assert.StartsWith("V/v ", Sample.Subject);
        Assert.Contains("6411-VPCP-KTTH.json", DirectiveJson.SampleNames);
    }

    [Fact]
    public void The_sample_validates() => Assert.Empty(Planner.Validate(Sample));

    [Fact]
    public void Section_1_is_standing_and_sections_2_and_3_are_items()
    {
        var labels = Sample.Items.Select(i => i.Label).ToList();
        Assert.Equal(["1.a", "1.b", "1.c", "1.d", "1.đ", "1.e", "1.g"], Sample.Items.Where(i => i.Kind == ItemKind.Standing).Select(i => i.Label));
        Assert.Equal(["2.a.1", "2.a.2", "2.a.3", "2.a.4", "2.a.5", "2.a.6", "2.a.7", "2.b", "2.c", "2.d", "2.đ", "2.e", "2.g", "3.a", "3.b"],
            Sample.Items.Where(i => i.Kind != ItemKind.Standing).Select(i => i.Label));
        Assert.All(Sample.Items.Where(i => i.Label!.StartsWith('3')), i => Assert.Equal(ItemKind.Meeting, i.Kind));
    }

    [Fact]
    public void Texts_and_phrases_are_verbatim_from_the_seed()
    {
        // A copy of ../shared/seeds/6411-VPCP-KTTH-2023-08-19.txt, kept with the tests so they do not depend on a folder outside the repository.
        var seed = File.ReadAllText(Path.Combine(FindRepoRoot(), "tests", "Orchestrator.Domain.Tests", "Seeds", "6411-VPCP-KTTH-2023-08-19.txt"));
        foreach (var item in Sample.Items)
        {
            Assert.Contains(item.Text!, seed);
            if (item.DeadlinePhrase is { } p) Assert.Contains(p, seed);
            if (item.Lead is { } lead) Assert.Contains(lead, seed);
        }
    }

    [Fact]
    public void Plan_expands_the_councils_and_gives_the_briefs_due_dates()
    {
        var plan = Planner.Plan(Sample);
        Assert.Equal(13 + 2 * 6, plan.Items.Count);
        Assert.Equal(7, plan.Standing.Count);
        Assert.Equal("VPCP", plan.TrackingOffice.Code);
        Assert.Equal(plan.Items.Count, plan.Items.Select(i => i.Label).Distinct().Count());

        DateOnly? Due(string label) => plan.Items.Single(i => i.Label == label).Deadline.DueDate;
        Assert.Equal(D("2023-10-02"), Due("2.a.3"));  // trong quý III năm 2023
        Assert.Equal(D("2024-01-02"), Due("2.a.7"));  // trong quý IV năm 2023
        Assert.Equal(D("2023-08-25"), Due("2.a.1"));  // Khẩn trương: 5 working days
        Assert.Null(Due("2.a.4"));
        Assert.Null(Due("2.b"));

        var meetings = plan.Items.Where(i => i.SourceLabel == "3.a").ToList();
        Assert.Equal(6, meetings.Count);
        Assert.All(meetings, m => Assert.Equal(D("2023-10-02"), m.Deadline.DueDate)); // Đầu quý IV năm 2023
        Assert.Contains(meetings, m => m.Label == "3.a.DBSCL" && m.LeadCode == "HDDPV-DBSCL");
        Assert.All(plan.Items.Where(i => i.SourceLabel == "3.b"), m => Assert.Equal(D("2023-12-01"), m.Deadline.DueDate));
        Assert.Equal("2023-6411-VPCP-KTTH/3.a.DBSCL", meetings.Single(m => m.Label == "3.a.DBSCL").Id);
    }

    [Fact]
    public void Items_of_the_planning_ministry_are_owed_by_finance_from_1_March_2025()
    {
        var item = Planner.Plan(Sample).Items.Single(i => i.Label == "2.a.3");
        Assert.Equal("Bộ Kế hoạch và Đầu tư", item.LeadAsWritten);
        Assert.Equal("BKHDT", item.LeadOn(D("2025-02-28"), Registry).Code);
        Assert.Equal("BTC", item.LeadOn(D("2025-03-01"), Registry).Code);
        Assert.Equal("Bộ Khoa và và Công nghệ", Planner.Plan(Sample).Items.Single(i => i.Label == "2.d").LeadAsWritten);
    }

    [Fact]
    public void A_per_item_transfer_overrides_the_default_successor()
    {
        var item = Planner.Plan(Sample).Items.Single(i => i.Label == "2.c") with
        {
            Transfers = [new Transfer { To = "BVHTTDL", Effective = D("2025-03-01"), Reason = "press and publishing" }],
        };
        Assert.Equal("BTTTT", item.LeadOn(D("2025-02-28"), Registry).Code);
        Assert.Equal("BVHTTDL", item.LeadOn(D("2025-03-01"), Registry).Code);
    }

    [Fact]
    public void The_json_round_trips_and_the_schema_requires_what_the_validator_requires()
    {
        var again = DirectiveJson.Read(DirectiveJson.Write(Sample)).Directive!;
        Assert.Equal(Sample.Items.Count, again.Items.Count);
        Assert.Equal(Sample.Items[10].DeadlinePhrase, again.Items[10].DeadlinePhrase);
        Assert.Contains("\"kind\": \"standing\"", DirectiveJson.Write(Sample));

        using var schema = JsonDocument.Parse(DirectiveJson.SchemaText());
        var required = schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["number", "code", "issueDate", "issuer", "subject", "items"], required);
        var itemKinds = schema.RootElement.GetProperty("$defs").GetProperty("item").GetProperty("properties").GetProperty("kind").GetProperty("enum");
        Assert.Equal(["task", "meeting", "standing"], itemKinds.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void The_sample_and_schema_are_copied_next_to_the_binaries()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "samples", "6411-VPCP-KTTH.json")));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "schema", "directive.schema.json")));
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
