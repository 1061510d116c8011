using System.Text.Json;
using Orchestrator.Local.Commands;

namespace Orchestrator.Cli.Tests;

public class PlanCommandTests
{
    private static JsonElement Item(JsonElement rows, string label) =>
        rows.EnumerateArray().Single(r => r.GetProperty("label").GetString() == label);

    [Fact]
    public void The_sample_plans_with_the_briefs_due_dates_and_todays_agency()
    {
        var r = CliRunner.Run("plan", CliRunner.SamplePath, "--json", "--today", "2025-06-01");
        Assert.Equal(0, r.ExitCode);
        var rows = r.Json;
        Assert.Equal(25, rows.GetArrayLength());

        var quarter3 = Item(rows, "2.a.3");
        Assert.Equal("Bộ Kế hoạch và Đầu tư", quarter3.GetProperty("lead").GetString());
        Assert.Equal("Bộ Tài chính", quarter3.GetProperty("leadToday").GetString());
        Assert.Equal("task", quarter3.GetProperty("kind").GetString());
        Assert.Equal("2023-10-02", quarter3.GetProperty("dueDate").GetString());
        Assert.Equal("2024-01-02", Item(rows, "2.a.7").GetProperty("dueDate").GetString());
        Assert.Equal("2023-10-02", Item(rows, "3.a.TN").GetProperty("dueDate").GetString());
        Assert.Equal("meeting", Item(rows, "3.b.DNB").GetProperty("kind").GetString());
        Assert.Equal("2023-12-01", Item(rows, "3.b.DNB").GetProperty("dueDate").GetString());
        Assert.Equal(JsonValueKind.Null, Item(rows, "2.g").GetProperty("dueDate").ValueKind);

        var steps = quarter3.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("date").GetString());
        Assert.Equal("2023-09-18", steps["reminder-14d"]);
        Assert.Equal("2023-10-03", steps["escalation-1"]);
        Assert.Equal("2023-10-10", steps["escalation-2"]);
        Assert.Equal("2023-10-24", steps["escalation-3"]);

        var meetingSteps = Item(rows, "3.b.DNB").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetString());
        Assert.Contains("milestone-meeting", meetingSteps);
    }

    [Fact]
    public void Before_1_March_2025_the_planning_ministry_is_still_in_charge()
    {
        var r = CliRunner.Run("plan", CliRunner.SamplePath, "--json", "--today", "2025-02-28");
        Assert.Equal("Bộ Kế hoạch và Đầu tư", Item(r.Json, "2.a.1").GetProperty("leadToday").GetString());
    }

    [Fact]
    public void Text_output_lists_every_item()
    {
        var r = CliRunner.Run("plan", CliRunner.SamplePath, "--today", "2025-06-01");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("6411/VPCP-KTTH (2023-6411-VPCP-KTTH)", r.Stdout);
        Assert.Contains("2.a.3 [task] lead: Bộ Kế hoạch và Đầu tư [BKHDT] → today: Bộ Tài chính [BTC]", r.Stdout);
        Assert.Contains("due 2024-01-02 (words: 2023-12-31, rolled over)", r.Stdout);
        Assert.Contains("7 standing requirement(s)", r.Stdout);
    }

    [Fact]
    public void An_unknown_coordinating_agency_is_a_warning_and_the_plan_is_made()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                { "number": "1", "code": "VPCP-KTTH", "issueDate": "2023-08-19", "issuer": "VPCP", "subject": "V/v thử",
                  "items": [ { "label": "1", "kind": "task", "text": "x", "lead": "Bộ Y tế", "coordinating": ["Ban Không Có"],
                               "deadlinePhrase": "quý IV năm 2023" } ] }
                """);
            var r = CliRunner.Run("plan", path, "--json", "--today", "2023-09-01");
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("plan: warning: items[0].coordinating[0]", r.Stderr);
            Assert.Equal(1, r.Json.GetArrayLength());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void An_invalid_directive_exits_2_with_every_problem()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                { "number": "1", "code": "VPCP-KTTH", "issueDate": "2023-08-19", "issuer": "VPCP", "subject": "V/v thử",
                  "items": [
                    { "label": "1", "kind": "task", "text": "x", "lead": "Bộ Không Có", "deadlinePhrase": "quý IV năm 2023" },
                    { "label": "1", "kind": "task", "text": "y", "lead": "Bộ Y tế", "deadlinePhrase": "sau Tết" } ] }
                """);
            var r = CliRunner.Run("plan", path, "--json");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("items[0].lead", r.Stderr);
            Assert.Contains("items[1].label", r.Stderr);
            Assert.Contains("items[1].deadlinePhrase", r.Stderr);
            var problems = r.Json.GetProperty("problems");
            Assert.Equal(3, problems.GetArrayLength());
            Assert.Equal("unknown-agency", problems[0].GetProperty("code").GetString());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Malformed_json_exits_2_and_a_missing_file_exits_1()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{ \"items\": [ { \"label\": 3 } ] }");
            var r = CliRunner.Run("plan", path);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("items[0].label", r.Stderr);
        }
        finally { File.Delete(path); }

        var missing = CliRunner.Run("plan", "/nonexistent/directive.json");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("/nonexistent/directive.json", missing.Stderr);
        Assert.Contains("orchestrator plan --help", missing.Stderr);
    }
}
