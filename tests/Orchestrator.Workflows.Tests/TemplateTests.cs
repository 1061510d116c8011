using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Tests;

/// <summary>Notices rendered for the sample directive 6411/VPCP-KTTH (item 2.a.3: lead Bộ Kế hoạch
/// và Đầu tư, deadline "trong quý III năm 2023" → 30/09/2023 (Sat) → 02/10/2023).</summary>
public class TemplateTests
{
    private static NoticeRequest Compose(string label, string stepId, DateOnly? today = null)
    {
        var item = Sample.Item(label);
        var step = Sample.Step(item, stepId);
        return Sample.Composer().Compose(Sample.Plan, item, step, today ?? step.Date);
    }

    [Fact]
    public void Level_1_escalation_goes_to_the_focal_point_and_says_how_late()
    {
        var n = Compose("2.a.3", "escalation-1");
        var text = n.Content.Text;

        Assert.Equal("2023-6411-VPCP-KTTH:2.a.3", n.InstanceId);
        Assert.Equal("V/v đôn đốc thực hiện nhiệm vụ tại mục 2.a.3 Văn bản số 6411/VPCP-KTTH ngày 19/8/2023 (đôn đốc lần 1)", n.Content.Subject);
        Assert.Contains("Kính gửi: Bộ Kế hoạch và Đầu tư.\n", text);
        Assert.Equal(["bkhdt.daumoi@example.org"], n.Recipients.To.Select(a => a.Email));
        Assert.Empty(n.Recipients.Cc); // "các Bộ, cơ quan liên quan" is nobody to write to
        Assert.Contains("Văn bản số 6411/VPCP-KTTH ngày 19/8/2023 của Văn phòng Chính phủ V/v hoạt động của các Hội đồng điều phối vùng kinh tế - xã hội", text);
        Assert.Contains("- Nhiệm vụ (mục 2.a.3): “" + Sample.Item("2.a.3").Text + "”", text);
        Assert.Contains("- Cơ quan phối hợp: các Bộ, cơ quan liên quan", text);
        Assert.Contains("- Thời hạn hoàn thành: 02/10/2023", text);
        Assert.Contains("- Tình trạng: đã quá hạn 1 ngày", text);
        Assert.Contains("Đến ngày 03/10/2023", text);
        Assert.Contains("- Báo cáo hoàn thành nhiệm vụ: https://orchestrator.example.org/act/", text);
        Assert.Contains("- Đề nghị gia hạn: https://orchestrator.example.org/act/", text);
    }

    [Fact]
    public void Level_1_copies_coordinating_agencies_that_have_contacts()
    {
        var n = Compose("2.a.7", "escalation-1");

        Assert.Equal(["bkhdt.daumoi@example.org"], n.Recipients.To.Select(a => a.Email));
        Assert.Equal(["btc.daumoi@example.org"], n.Recipients.Cc.Select(a => a.Email));
        Assert.Contains("Đồng gửi: Bộ Tài chính.\n", n.Content.Text);
        Assert.Contains("- Thời hạn hoàn thành: 02/01/2024", n.Content.Text);
    }

    [Fact]
    public void Level_2_goes_to_the_leadership_with_the_focal_point_in_copy()
    {
        var n = Compose("2.a.3", "escalation-2");

        Assert.Equal(["bkhdt.lanhdao@example.org"], n.Recipients.To.Select(a => a.Email));
        Assert.Equal(["bkhdt.daumoi@example.org"], n.Recipients.Cc.Select(a => a.Email));
        Assert.EndsWith("(đôn đốc lần 2)", n.Content.Subject);
        Assert.Contains("Kính gửi: Lãnh đạo Bộ Kế hoạch và Đầu tư.\n", n.Content.Text);
        Assert.Contains("- Tình trạng: đã quá hạn 8 ngày", n.Content.Text); // 03/10 + 7 = 10/10
        Assert.Contains("đề nghị Lãnh đạo Bộ Kế hoạch và Đầu tư quan tâm chỉ đạo", n.Content.Text);
    }

    [Fact]
    public void Level_3_goes_to_the_tracking_office_and_repeats_say_which_repeat()
    {
        var first = Compose("2.a.3", "escalation-3");
        var repeat = Compose("2.a.3", "escalation-3-repeat-2");

        Assert.Equal(["vpcp.daumoi@example.org"], first.Recipients.To.Select(a => a.Email));
        Assert.Equal(["bkhdt.lanhdao@example.org"], first.Recipients.Cc.Select(a => a.Email));
        Assert.Contains("Kính gửi: Văn phòng Chính phủ.\n", first.Content.Text);
        Assert.EndsWith("(đôn đốc lần 3)", first.Content.Subject);
        Assert.DoesNotContain("nhắc lại", first.Content.Text);
        Assert.EndsWith("(đôn đốc lần 3, nhắc lại lần thứ 2)", repeat.Content.Subject);
        Assert.Contains("đây là thông báo nhắc lại lần thứ 2.", repeat.Content.Text);
        Assert.Contains("phiên họp Chính phủ thường kỳ", repeat.Content.Text);
    }

    [Fact]
    public void Reminder_counts_the_days_left()
    {
        var n = Compose("2.a.3", "reminder-14d");

        Assert.Equal("V/v nhắc hạn thực hiện nhiệm vụ tại mục 2.a.3 Văn bản số 6411/VPCP-KTTH ngày 19/8/2023", n.Content.Subject);
        Assert.Equal(["bkhdt.daumoi@example.org"], n.Recipients.To.Select(a => a.Email));
        Assert.Contains("Kính gửi: Bộ Kế hoạch và Đầu tư.", n.Content.Text);
        Assert.Contains("- Tình trạng: còn 14 ngày đến hạn", n.Content.Text); // 18/09/2023 → 02/10/2023
        Assert.DoesNotContain("Mức đôn đốc", n.Content.Text);
    }

    [Fact]
    public void Milestone_notice_for_a_regional_council_meeting()
    {
        var n = Compose("3.a.DBSH", "milestone-meeting");

        Assert.StartsWith("V/v thông báo mốc thực hiện nhiệm vụ tại mục 3.a.DBSH Văn bản số 6411/VPCP-KTTH", n.Content.Subject);
        Assert.Equal(["hddpv-dbsh.daumoi@example.org"], n.Recipients.To.Select(a => a.Email));
        Assert.Contains("- Tình trạng: đến hạn hôm nay", n.Content.Text);
    }

    [Fact]
    public void After_the_2025_reorganisation_the_successor_is_addressed()
    {
        var n = Compose("2.a.7", "escalation-1", today: new DateOnly(2025, 6, 2));

        // Bộ Kế hoạch và Đầu tư → Bộ Tài chính; the coordinator Bộ Tài chính is then the lead itself.
        Assert.Equal(["btc.daumoi@example.org"], n.Recipients.To.Select(a => a.Email));
        Assert.Empty(n.Recipients.Cc);
        Assert.Contains("Kính gửi: Bộ Tài chính.", n.Content.Text);
        Assert.Contains("- Cơ quan chủ trì: Bộ Tài chính (tiếp nhận nhiệm vụ giao cho Bộ Kế hoạch và Đầu tư)", n.Content.Text);
    }

    [Fact]
    public void Links_are_signed_for_the_first_addressee_and_item()
    {
        var n = Compose("2.a.3", "escalation-2");
        var tokens = new ActionTokens(Sample.Links(), new ManualClock(new DateTimeOffset(2023, 10, 10, 1, 0, 0, TimeSpan.Zero)));
        var url = n.Content.Text.Split('\n').Single(l => l.StartsWith("- Báo cáo tiến độ thực hiện: ", StringComparison.Ordinal))["- Báo cáo tiến độ thực hiện: ".Length..];

        var result = tokens.Validate(url[(url.LastIndexOf('/') + 1)..], NoticeAction.Progress, n.InstanceId);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("bkhdt.lanhdao@example.org", result.Claims!.Recipient);
    }

    [Fact]
    public void Html_has_the_same_content_with_every_value_encoded()
    {
        var n = Compose("2.a.3", "escalation-1");
        var ctx = Sample.Composer().Context(Sample.Plan.Directive, Sample.Plan.TrackingOffice, Sample.Item("2.a.3"), "escalation-1",
            NoticeKind.Escalation, 1, new DateOnly(2023, 10, 3)) with { Task = "Báo cáo <script>alert(1)</script> & \"kiến nghị\"" };

        var html = NoticeTemplates.Render(ctx).Html;

        Assert.Contains("<strong>Kính gửi:</strong> Bộ Kế hoạch và Đầu tư.", n.Content.Html);
        Assert.Contains("02/10/2023", n.Content.Html);
        Assert.Contains("<a href=\"https://orchestrator.example.org/act/", n.Content.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kiến nghị&quot;", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void Rendering_is_pure()
    {
        // Composing issues new links (each with its own nonce); rendering one context is pure.
        var item = Sample.Item("2.a.3");
        var step = Sample.Step(item, "escalation-1");
        var context = Sample.Composer().Context(Sample.Plan.Directive, Sample.Plan.TrackingOffice, item, step.StepId,
            NoticeComposer.KindOf(step.Kind), step.Level, step.Date);

        Assert.Equal(NoticeTemplates.Render(context), NoticeTemplates.Render(context));
    }

    [Fact]
    public void Each_composed_notice_carries_links_of_its_own_signed_with_the_items_link_epoch()
    {
        var item = Sample.Item("2.a.3");
        var step = Sample.Step(item, "escalation-1");
        var composer = Sample.Composer();

        var a = composer.Context(Sample.Plan.Directive, Sample.Plan.TrackingOffice, item, step.StepId, NoticeKind.Escalation, 1, step.Date, linkEpoch: 3);
        var b = composer.Context(Sample.Plan.Directive, Sample.Plan.TrackingOffice, item, step.StepId, NoticeKind.Escalation, 1, step.Date, linkEpoch: 3);

        Assert.NotEqual(a.Links.Complete, b.Links.Complete);
        var tokens = new ActionTokens(Sample.Links(), new ManualClock(new DateTimeOffset(2023, 10, 3, 1, 0, 0, TimeSpan.Zero)));
        Assert.Equal(3, tokens.Validate(a.Links.Progress[(a.Links.Progress.LastIndexOf('/') + 1)..]).Claims!.LinkEpoch);
    }
}
