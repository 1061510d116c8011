using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Drafting;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Orchestrator.Workflows.Tests;

/// <summary>POST /api/drafts: a letter as text, .docx or PDF in; the draft JSON out; bad input a 4xx problem naming what is wrong.</summary>
public sealed class DraftApiTests
{
    private const string Docx = DraftApi.DocxContentType;

    private static readonly string[] LetterLines =
    [
        "VĂN PHÒNG CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 321/VPCP-KTTH",
        "V/v rà soát dự án",
        "Hà Nội, ngày 10 tháng 2 năm 2025",
        "Kính gửi: Bộ Tài chính",
        "Thủ tướng Chính phủ giao Bộ Tài chính rà soát các dự án, báo cáo trước ngày 15 tháng 3 năm 2025.",
        "Văn phòng Chính phủ thông báo để Bộ Tài chính biết, thực hiện./.",
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM",
        "PHÓ CHỦ NHIỆM",
        "Nguyễn Văn An",
    ];

    private static readonly DraftApi Api = new(AgencyDirectory.Default(), new DeadlineInterpreter(WorkingDayCalendar.Default()), TimeProvider.System, new LetterGate());

    private static async Task<(int Status, JsonElement Body)> PostAsync(byte[] body, string? contentType, string? query = null, long? contentLength = null)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = contentLength ?? body.Length;
        if (query is not null) context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();

        await (await Api.DraftAsync(context.Request)).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, json.RootElement.Clone());
    }

    private static void AssertDraftOfTheLetter(JsonElement draft)
    {
        var directive = draft.GetProperty("directive");
        Assert.Equal("321", directive.GetProperty("number").GetString());
        Assert.Equal("2025-02-10", directive.GetProperty("issueDate").GetString());
        var item = Assert.Single(directive.GetProperty("items").EnumerateArray());
        Assert.Equal("Bộ Tài chính", item.GetProperty("lead").GetString());
        Assert.Equal("trước ngày 15 tháng 3 năm 2025", item.GetProperty("deadlinePhrase").GetString());
        var row = Assert.Single(draft.GetProperty("plan").GetProperty("items").EnumerateArray());
        Assert.Equal("2025-03-14", row.GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task A_plain_text_letter_is_answered_with_its_draft_and_plan()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes(string.Join("\n", LetterLines)), "text/plain; charset=utf-8", "?today=2026-11-27");

        Assert.Equal(StatusCodes.Status200OK, status);
        AssertDraftOfTheLetter(body);
        Assert.Equal(7, body.GetProperty("sources").GetProperty("items[0].lead").GetProperty("fromLine").GetInt32());
        // The lines the sources point at come with the draft (a page shows them beside it).
        var lines = body.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Equal(LetterLines, lines);
        Assert.Contains("giao Bộ Tài chính", lines[7 - 1]);
    }

    [Fact]
    public async Task A_docx_letter_is_read_paragraph_by_paragraph()
    {
        var (status, body) = await PostAsync(DocxOf(LetterLines), Docx);

        Assert.Equal(StatusCodes.Status200OK, status);
        AssertDraftOfTheLetter(body);
    }

    [Fact]
    public void A_pdf_text_layer_is_read_line_by_line()
    {
        // The standard PDF fonts have no Vietnamese glyphs: this checks the text layer's lines, in order.
        var pdf = PdfOf(["So: 321/VPCP-KTTH", "Kinh gui: Bo Tai chinh", "1. Bo Tai chinh ra soat cac du an."]);

        var lines = LetterText.Extract(pdf, LetterFormat.Pdf).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        Assert.Equal(["So: 321/VPCP-KTTH", "Kinh gui: Bo Tai chinh", "1. Bo Tai chinh ra soat cac du an."], lines);
    }

    [Fact]
    public async Task Another_content_type_is_refused_naming_the_accepted_ones()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes("{}"), "application/json");

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, status);
        Assert.Equal("Content-Type", body.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_empty_a_broken_or_a_too_large_letter_is_a_problem_not_a_500()
    {
        var empty = await PostAsync([], "text/plain");
        Assert.Equal(StatusCodes.Status400BadRequest, empty.Status);

        var broken = await PostAsync(Encoding.UTF8.GetBytes("not a zip"), Docx);
        Assert.Equal(StatusCodes.Status400BadRequest, broken.Status);
        Assert.Contains(".docx", broken.Body.GetProperty("errors")[0].GetProperty("message").GetString());

        var notPdf = await PostAsync(Encoding.UTF8.GetBytes("%PDF-1.7 nonsense"), "application/pdf");
        Assert.Equal(StatusCodes.Status400BadRequest, notPdf.Status);

        var latin1 = await PostAsync([0x53, 0xE9, 0x20, 0xFF], "text/plain");
        Assert.Equal(StatusCodes.Status400BadRequest, latin1.Status);
        Assert.Contains("UTF-8", latin1.Body.GetProperty("errors")[0].GetProperty("message").GetString());

        var large = await PostAsync(Encoding.UTF8.GetBytes("x"), "text/plain", contentLength: DraftApi.MaxLetterBytes + 1);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, large.Status);

        var longText = await PostAsync(Encoding.UTF8.GetBytes(new string('a', DraftApi.MaxLetterCharacters + 1)), "text/plain");
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, longText.Status);
    }

    [Fact]
    public async Task A_bad_today_is_named()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes(string.Join("\n", LetterLines)), "text/plain", "?today=27/11/2026");

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("today", body.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    internal static byte[] DocxOf(IEnumerable<string> paragraphs)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static byte[] PdfOf(IReadOnlyList<string> lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        for (var i = 0; i < lines.Count; i++)
            page.AddText(lines[i], 11, new UglyToad.PdfPig.Core.PdfPoint(50, 780 - 20 * i), font);
        return builder.Build();
    }
}
