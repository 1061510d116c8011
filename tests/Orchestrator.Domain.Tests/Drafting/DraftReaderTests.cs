using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Drafting;

namespace Orchestrator.Domain.Tests.Drafting;

public sealed class DraftReaderTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly DraftReader Reader = new(AgencyDirectory.Default(), new DeadlineInterpreter(WorkingDayCalendar.Default()));

    private static string Letter(string body, string number = "Số: 123/VPCP-KTTH") => $"""
        VĂN PHÒNG CHÍNH PHỦ
        -------
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc
        {number}
        V/v triển khai nhiệm vụ
        Hà Nội, ngày 10 tháng 2 năm 2025
        Kính gửi:
        - Bộ Tài chính;
        - Bộ Công Thương.
        {body}
        Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.
        Nơi nhận:
        - Như trên;
        KT. BỘ TRƯỞNG, CHỦ NHIỆM
        PHÓ CHỦ NHIỆM
        Nguyễn Văn An
        """;

    [Fact]
    public void The_header_is_read_with_the_lines_it_came_from()
    {
        var draft = Reader.Read(Letter("1. Bộ Tài chính rà soát, báo cáo trong quý II năm 2025."), Today);
        var d = draft.Directive;

        Assert.Equal(("123", "VPCP-KTTH", new DateOnly(2025, 2, 10), "Hà Nội"), (d.Number, d.Code, d.IssueDate, d.Place));
        Assert.Equal("Văn phòng Chính phủ", d.Issuer);
        Assert.Equal("V/v triển khai nhiệm vụ", d.Subject);
        Assert.Equal("congVan", d.DocumentType);
        Assert.Equal(["Bộ Tài chính", "Bộ Công Thương"], d.Recipients);
        Assert.Equal(("Nguyễn Văn An", "Phó Chủ nhiệm", "KT. BỘ TRƯỞNG, CHỦ NHIỆM"), (d.Signer!.Name, d.Signer.Title, d.Signer.Authority));
        Assert.Equal((5, 5), (draft.Sources["number"].FromLine, draft.Sources["number"].ToLine));
        Assert.Equal((8, 10), (draft.Sources["recipients"].FromLine, draft.Sources["recipients"].ToLine));
        Assert.Equal((11, 11), (draft.Sources["items[0].deadlinePhrase"].FromLine, draft.Sources["items[0].deadlinePhrase"].ToLine));
    }

    [Fact]
    public void A_list_of_ministries_as_the_subject_gives_one_lead_each()
    {
        var draft = Reader.Read(Letter("1. Các Bộ: Tài chính, Công Thương, Xây dựng rà soát các dự án, báo cáo trước ngày 15 tháng 3 năm 2025."), Today);

        var item = Assert.Single(draft.Directive.Items);
        Assert.Null(item.Lead);
        Assert.Equal(["Bộ Tài chính", "Bộ Công Thương", "Bộ Xây dựng"], item.Leads);
        Assert.Equal("trước ngày 15 tháng 3 năm 2025", item.DeadlinePhrase);
        Assert.Equal(["1.BTC", "1.BCT", "1.BXD"], draft.Plan.Items.Select(r => r.Label));
        Assert.All(draft.Plan.Items, r => Assert.Equal("2025-03-14", r.DueDate));
    }

    [Fact]
    public void Ministries_named_in_turn_are_several_leads_and_a_joint_instruction_is_one_lead_with_coordinators()
    {
        var draft = Reader.Read(Letter("""
            1. Bộ Tài chính, Bộ Công Thương khẩn trương rà soát các quy định.
            2. Bộ Xây dựng chủ trì, phối hợp với Bộ Tài chính và Bộ Công Thương xây dựng đề án.
            """), Today);

        Assert.Equal(["Bộ Tài chính", "Bộ Công Thương"], draft.Directive.Items[0].Leads);
        Assert.Equal("Bộ Xây dựng", draft.Directive.Items[1].Lead);
        Assert.Equal(["Bộ Tài chính", "Bộ Công Thương"], draft.Directive.Items[1].Coordinating);
    }

    [Fact]
    public void Nested_numbering_gives_labels_and_a_heading_passes_its_lead_to_its_dashes()
    {
        var draft = Reader.Read(Letter("""
            1. Về nhiệm vụ
            a) Bộ Tài chính chủ trì, phối hợp với các Bộ, cơ quan liên quan:
            - Rà soát các khoản chi.
            - Báo cáo Thủ tướng Chính phủ trong tháng 6 năm 2025.
            b) Bộ Công Thương đề xuất giải pháp.
            """), Today);

        Assert.Equal(["1.a.1", "1.a.2", "1.b"], draft.Directive.Items.Select(i => i.Label));
        Assert.Equal(["Bộ Tài chính", "Bộ Tài chính", "Bộ Công Thương"], draft.Directive.Items.Select(i => i.Lead));
        Assert.Equal(["các Bộ, cơ quan liên quan"], draft.Directive.Items[0].Coordinating);
        Assert.Equal("trong tháng 6 năm 2025", draft.Directive.Items[1].DeadlinePhrase);
        Assert.Contains(draft.NotItems, n => n.Reason == "heading of 1.a" && n.FromLine == 12);
    }

    [Fact]
    public void Urgency_beside_a_date_keeps_the_date_and_the_flag()
    {
        var draft = Reader.Read(Letter("1. Bộ Tài chính khẩn trương hoàn thành dự thảo, trình Thủ tướng Chính phủ trước ngày 15/3/2025."), Today);

        var item = Assert.Single(draft.Directive.Items);
        Assert.Equal("trước ngày 15/3/2025", item.DeadlinePhrase);
        Assert.True(item.Urgent);
    }

    [Fact]
    public void A_field_it_cannot_find_stays_empty_and_is_flagged_and_the_plan_says_why_it_is_not_made()
    {
        var draft = Reader.Read(Letter("1. Bộ Tài chính rà soát, báo cáo trong quý II năm 2025.", number: ""), Today);

        Assert.Null(draft.Directive.Number);
        Assert.Null(draft.Directive.Code);
        Assert.Contains(draft.Flags, f => f.Field == "number");
        Assert.Contains(draft.Flags, f => f.Field == "code");
        Assert.Empty(draft.Plan.Items);
        Assert.Contains(draft.Plan.Problems, p => p.Field == "number");
    }

    [Fact]
    public void Sentences_that_are_not_items_are_listed_not_dropped()
    {
        var text = Letter("""
            Xét đề nghị của Bộ Tài chính, Phó Thủ tướng có ý kiến như sau:
            1. Bộ Tài chính hoàn thiện hồ sơ.
            Đây là nhiệm vụ quan trọng.
            """);
        var draft = Reader.Read(text, Today);

        Assert.Single(draft.Directive.Items);
        Assert.Contains(draft.NotItems, n => n.Text.StartsWith("Xét đề nghị", StringComparison.Ordinal) && n.Reason.StartsWith("preamble", StringComparison.Ordinal));
        Assert.Contains(draft.NotItems, n => n.Text == "Đây là nhiệm vụ quan trọng." && n.FromLine == 13);
        Assert.Contains(draft.NotItems, n => n.Reason == "closing formula");
    }

    [Fact]
    public void An_item_without_a_lead_is_kept_with_the_lead_empty_and_flagged()
    {
        var draft = Reader.Read(Letter("1. Rà soát các quy định về đầu tư."), Today);

        var item = Assert.Single(draft.Directive.Items);
        Assert.Empty(item.AllLeads);
        Assert.Contains(draft.Flags, f => f.Field == "items[0].lead");
        Assert.Contains(draft.Plan.Problems, p => p.Label == "1" && p.Field == "item.lead");
    }

    [Fact]
    public void The_plan_shows_the_due_date_and_who_is_in_charge_today()
    {
        // The Ministry of Agriculture and Rural Development was merged into the Ministry of Agriculture
        // and Environment on 1 March 2025: on the draft's "today" the successor owes the item.
        var draft = Reader.Read(Letter("1. Bộ Nông nghiệp và Phát triển nông thôn rà soát, báo cáo trong tháng 2 năm 2025."), Today);

        var row = Assert.Single(draft.Plan.Items);
        Assert.Equal(("BNNPTNT", "2025-02-28"), (row.LeadCode, row.DueDate));
        Assert.Equal("BNNMT", row.InChargeTodayCode);
    }

    [Fact]
    public void A_letter_without_numbering_gives_one_item_per_sentence_that_assigns_work()
    {
        var draft = Reader.Read(Letter("Báo Nhân dân có bài phản ánh. Về việc này, Thủ tướng Chính phủ giao Bộ Công Thương kiểm tra, báo cáo trước ngày 20 tháng 3 năm 2025."), Today);

        var item = Assert.Single(draft.Directive.Items);
        Assert.Equal(("1", "Bộ Công Thương", "trước ngày 20 tháng 3 năm 2025"), (item.Label, item.Lead, item.DeadlinePhrase));
        Assert.Contains(draft.Flags, f => f.Field == "items[0].label");
        Assert.Contains(draft.NotItems, n => n.Text == "Báo Nhân dân có bài phản ánh.");
    }

    [Fact]
    public void A_date_or_a_line_beginning_with_So_in_the_body_is_not_taken_for_the_header()
    {
        var text = """
            VĂN PHÒNG CHÍNH PHỦ
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            V/v triển khai nhiệm vụ
            Kính gửi: Bộ Tài chính
            Số liệu 2024 của Bộ Tài chính cho thấy chi tiêu tăng.
            Ngày 03 tháng 8 năm 2024, Thủ tướng Chính phủ giao Bộ Tài chính rà soát, báo cáo trong tháng 9 năm 2024.
            """;
        var draft = Reader.Read(text, Today);

        Assert.Null(draft.Directive.Number);
        Assert.Null(draft.Directive.IssueDate);
        Assert.Contains(draft.Flags, f => f.Field == "issueDate");
        Assert.Contains(draft.Flags, f => f.Field == "number");
    }

    [Fact]
    public void The_body_ends_at_its_closing_mark_even_when_the_copy_list_is_glued_to_it()
    {
        var text = """
            VĂN PHÒNG CHÍNH PHỦ
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Số: 55/VPCP-KGVX
            V/v phòng, chống dịch
            Hà Nội, ngày 10 tháng 2 năm 2025
            Kính gửi: Bộ Y tế.
            Thủ tướng Chính phủ giao Bộ Y tế rà soát, báo cáo trước ngày 20 tháng 3 năm 2025.
            Văn phòng Chính phủ thông báo để Bộ Y tế biết, thực hiện./.Nơi nhận:
              • Như trên;
              • Các Bộ: NG, CA, QP;
            """;
        var draft = Reader.Read(text, Today);

        var item = Assert.Single(draft.Directive.Items);
        Assert.Equal("Bộ Y tế", item.Lead);
        Assert.DoesNotContain(draft.Directive.Items, i => i.Text!.Contains("Như trên", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lead_named_by_its_heads_title_is_the_agency()
    {
        var draft = Reader.Read(Letter("""
            Phó Thủ tướng có ý kiến như sau:
            Đồng chí Bộ trưởng Bộ Y tế chỉ đạo xử lý kiến nghị, báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 3 năm 2025.
            """), Today);

        var item = Assert.Single(draft.Directive.Items);
        Assert.Equal("Bộ Y tế", item.Lead);
    }

    [Fact]
    public void An_item_is_a_meeting_when_it_holds_one_not_when_it_names_one()
    {
        var draft = Reader.Read(Letter("""
            1. Bộ Tài chính tổ chức hội nghị tổng kết trong tháng 6 năm 2025.
            2. Bộ Công Thương xử lý kiến nghị tại Hội nghị trực tuyến, trình Chính phủ tại phiên họp thường kỳ.
            3. Đầu tháng 12 năm 2025 các Hội đồng điều phối vùng họp để kiểm điểm.
            """), Today);

        Assert.Equal([ItemKind.Meeting, ItemKind.Task, ItemKind.Meeting], draft.Directive.Items.Select(i => i.Kind));
    }
}
