using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
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

/// <summary>
/// Letters built to hurt the host (issue 23): each is answered with a 4xx problem naming what is
/// wrong, quickly, before the work that would cost it. The inputs are generated in memory, small.
/// </summary>
public sealed class HostileLetterTests
{
    private const string Docx = DraftApi.DocxContentType;
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>Far below the minutes (or the crash) these letters cost before, with room for a Debug
    /// build on a loaded 2-core machine; the host's own figures (Release, per case) are in docs/benchmarks.md.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    private static DraftApi NewApi(LetterGate? gate = null) =>
        new(AgencyDirectory.Default(), new DeadlineInterpreter(WorkingDayCalendar.Default()), TimeProvider.System, gate ?? new LetterGate());

    private static async Task<(int Status, JsonElement Body, HttpResponse Response)> PostAsync(byte[] body, string contentType,
        DraftApi? api = null, CancellationToken aborted = default)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = aborted };
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Response.Body = new MemoryStream();

        await (await (api ?? NewApi()).DraftAsync(context.Request)).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        // A caller that has gone gets no body: the status is all there is.
        if (context.Response.Body.Length == 0) return (context.Response.StatusCode, default, context.Response);
        using var json = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: CancellationToken.None);
        return (context.Response.StatusCode, json.RootElement.Clone(), context.Response);
    }

    private static string Message(JsonElement problem) => problem.GetProperty("errors")[0].GetProperty("message").GetString()!;

    /// <summary>A .docx of the given parts, each written as it is (no SDK: the SDK would refuse to write some of them).</summary>
    private static byte[] Zip(params (string Name, string Xml)[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(Encoding.UTF8.GetBytes(xml));
            }
        }
        return stream.ToArray();
    }

    private const string ContentTypes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

    private const string Rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

    private static byte[] DocxWithBody(string document) =>
        Zip(("[Content_Types].xml", ContentTypes), ("_rels/.rels", Rels), ("word/document.xml", document));

    private static string Nested(int depth)
    {
        var xml = new StringBuilder($"<w:document xmlns:w=\"{W}\"><w:body>");
        for (var i = 0; i < depth; i++) xml.Append("<w:p>");
        for (var i = 0; i < depth; i++) xml.Append("</w:p>");
        return xml.Append("</w:body></w:document>").ToString();
    }

    [Fact]
    public async Task A_2_KB_docx_nesting_100000_paragraphs_is_refused_as_too_deep_before_the_sdk_reads_it()
    {
        // The file that overflowed the SDK's recursive tree builder and killed the process. The guard
        // alone is run first: it is a streaming reader (no recursion), so this cannot overflow.
        var bomb = DocxWithBody(Nested(100_000));
        Assert.True(bomb.Length < 8 * 1024, $"{bomb.Length} bytes");
        var guard = Assert.Throws<UnreadableLetterException>(() => DocxLetter.Check(bomb, CancellationToken.None));
        Assert.Contains("more than 256 deep", guard.Message);

        // Proven refused before the SDK, the whole request is safe to make: a 400 that says why, quickly.
        var clock = Stopwatch.StartNew();
        var (status, body, _) = await PostAsync(bomb, Docx);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("deep", Message(body));
        Assert.True(clock.Elapsed < Quickly, clock.Elapsed.ToString());
    }

    [Fact]
    public void The_depth_limit_is_exact_a_document_at_it_is_read()
    {
        // w:document and w:body take two levels: paragraphs nested to depth 256 in all pass, one more does not.
        DocxLetter.Check(DocxWithBody(Nested(LetterLimits.MaxXmlDepth - 1)), CancellationToken.None);
        Assert.Throws<UnreadableLetterException>(() => DocxLetter.Check(DocxWithBody(Nested(LetterLimits.MaxXmlDepth)), CancellationToken.None));
    }

    [Fact]
    public async Task A_docx_whose_text_run_unpacks_beyond_the_bound_is_a_413_before_it_is_unpacked()
    {
        var run = new string('a', (int)LetterLimits.MaxDocxUnpackedBytes + 1024);
        var bomb = DocxWithBody($"<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>{run}</w:t></w:r></w:p></w:body></w:document>");
        Assert.True(bomb.Length < 256 * 1024, $"{bomb.Length} bytes");

        var (status, body, _) = await PostAsync(bomb, Docx);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("unpacks to", Message(body));
    }

    [Fact]
    public async Task A_docx_of_millions_of_empty_paragraphs_within_the_unpacked_bound_stops_at_the_text_cap()
    {
        // 2 million "<w:p/>" are 12 MB unpacked: within the bounds, but each is a line of text.
        var xml = new StringBuilder($"<w:document xmlns:w=\"{W}\"><w:body>");
        for (var i = 0; i < 2_000_000; i++) xml.Append("<w:p/>");
        var bomb = DocxWithBody(xml.Append("</w:body></w:document>").ToString());

        var clock = Stopwatch.StartNew();
        var (status, body, _) = await PostAsync(bomb, Docx);

        Assert.True(status == StatusCodes.Status413PayloadTooLarge, body.ToString());
        Assert.Contains("characters", Message(body));
        Assert.True(clock.Elapsed < Quickly, clock.Elapsed.ToString());
    }

    [Fact]
    public async Task A_docx_part_of_more_characters_than_the_bound_is_a_413()
    {
        var xml = new StringBuilder($"<w:document xmlns:w=\"{W}\"><w:body>");
        for (var i = 0; i < 3_000_000; i++) xml.Append("<w:p/>");
        var bomb = DocxWithBody(xml.Append("</w:body></w:document>").ToString());

        var (status, body, _) = await PostAsync(bomb, Docx);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("characters", Message(body));
    }

    [Fact]
    public async Task A_docx_with_a_dtd_or_broken_xml_is_a_400_not_a_500()
    {
        var dtd = DocxWithBody($"<!DOCTYPE w:document [<!ENTITY x \"y\">]><w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>");
        var (dtdStatus, dtdBody, _) = await PostAsync(dtd, Docx);
        Assert.Equal(StatusCodes.Status400BadRequest, dtdStatus);
        Assert.Contains("DTD", Message(dtdBody));

        var broken = DocxWithBody($"<w:document xmlns:w=\"{W}\"><w:body><w:p></w:body>");
        var (brokenStatus, brokenBody, _) = await PostAsync(broken, Docx);
        Assert.Equal(StatusCodes.Status400BadRequest, brokenStatus);
        Assert.Contains("XML is broken", Message(brokenBody));
    }

    [Fact]
    public void The_streaming_reader_keeps_the_lines_tabs_and_breaks_of_a_docx()
    {
        var docx = DocxWithBody($"<w:document xmlns:w=\"{W}\"><w:body>" +
                                "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>" +
                                "<w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space=\"preserve\">cell </w:t></w:r></w:p></w:tc></w:tr></w:tbl>" +
                                "</w:body></w:document>");

        Assert.Equal("a b\nc\ncell \n", LetterText.Extract(docx, LetterFormat.Docx));
    }

    /// <summary>A one-page PDF whose content stream is <paramref name="content"/>, Flate-compressed, written by hand
    /// (the PDF builder would not write a stream this shape).</summary>
    private static byte[] PdfWithContent(byte[] content)
    {
        using var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(content);
        var data = packed.ToArray();

        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => pdf.Write(Encoding.ASCII.GetBytes(s));
        void Object(string body) { offsets.Add(pdf.Position); Write($"{offsets.Count} 0 obj\n{body}\nendobj\n"); }
        Write("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        offsets.Add(pdf.Position);
        Write($"4 0 obj\n<< /Length {data.Length} /Filter /FlateDecode >>\nstream\n");
        pdf.Write(data);
        Write("\nendstream\nendobj\n");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write(o.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    [Fact]
    public void The_hand_written_pdf_is_a_readable_letter()
    {
        var text = LetterText.Extract(PdfWithContent(Encoding.ASCII.GetBytes("BT /F1 12 Tf 50 700 Td (Bo Tai chinh) Tj ET")), LetterFormat.Pdf);
        Assert.Contains("Bo Tai chinh", text);
    }

    [Fact]
    public async Task A_pdf_stream_that_inflates_beyond_the_bound_is_a_413_before_it_is_inflated()
    {
        var bomb = PdfWithContent(new byte[LetterLimits.MaxPdfStreamBytes + 1024]);
        Assert.True(bomb.Length < 64 * 1024, $"{bomb.Length} bytes");

        var (status, body, _) = await PostAsync(bomb, "application/pdf");

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("decodes to more than", Message(body));
    }

    [Fact]
    public async Task A_pdf_of_200000_text_operators_stops_at_the_text_cap_quickly()
    {
        var content = new StringBuilder("BT /F1 1 Tf 0 0 Td ");
        for (var i = 0; i < 200_001; i++) content.Append("(a) Tj ");
        var bomb = PdfWithContent(Encoding.ASCII.GetBytes(content.Append("ET").ToString()));

        var clock = Stopwatch.StartNew();
        var (status, body, _) = await PostAsync(bomb, "application/pdf");

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("characters", Message(body));
        Assert.True(clock.Elapsed < Quickly, clock.Elapsed.ToString());
    }

    [Fact]
    public async Task A_pdf_page_of_millions_of_operators_is_a_413_before_it_is_parsed()
    {
        // 3 million "q Q" pairs (12 KB compressed) took PdfPig 24 s to parse; no letters, so no text cap trips.
        var bomb = PdfWithContent(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("q Q ", 3_000_000))));

        var clock = Stopwatch.StartNew();
        var (status, body, _) = await PostAsync(bomb, "application/pdf");

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("content operators", Message(body));
        Assert.True(clock.Elapsed < Quickly, clock.Elapsed.ToString());
    }

    [Fact]
    public void The_operator_count_skips_strings_names_numbers_and_comments()
    {
        var content = "BT /F1 12 Tf 50 700 Td (a (nested) Tj \\\\) Tj <41424344> Tj [(x) -20 (y)] TJ ET % q Q q\n/Fm1 Do q Q";
        // BT Tf Td Tj Tj TJ ET Do q Q: not the words in strings, the hex string, the name, or the comment.
        Assert.Equal((10L, 1L), PdfPageCostFactory.Count(Encoding.ASCII.GetBytes(content)));
    }

    [Fact]
    public async Task A_pdf_of_more_pages_than_the_bound_is_a_413()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 0; i <= LetterLimits.MaxPdfPages; i++)
            builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText("x", 11, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);

        var (status, body, _) = await PostAsync(builder.Build(), "application/pdf");

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("pages", Message(body));
    }

    [Theory]
    [InlineData("giao cho ")]
    [InlineData("chủ trì ")]
    [InlineData("Bộ Tài chính, ")]
    [InlineData("yêu cầu các Bộ: ")]
    public async Task A_letter_of_one_phrase_repeated_is_read_in_linear_time(string phrase)
    {
        // 199 KB of "giao cho ": each match used to copy and rescan the rest of the text (125 s of
        // CPU); "chủ trì" looked back from each of its 24,000 places; a list of names ran to the end.
        var letter = "giao " + string.Concat(Enumerable.Repeat(phrase, 190_000 / phrase.Length));

        var clock = Stopwatch.StartNew();
        var (status, _, _) = await PostAsync(Encoding.UTF8.GetBytes(letter), "text/plain");

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.True(clock.Elapsed < Quickly, clock.Elapsed.ToString());
    }

    [Fact]
    public async Task A_draft_whose_caller_has_gone_is_stopped()
    {
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var (status, _, _) = await PostAsync(Encoding.UTF8.GetBytes("Giao Bộ Tài chính rà soát."), "text/plain", aborted: gone.Token);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
    }

    [Fact]
    public async Task A_letter_that_finds_the_readers_busy_is_told_to_retry_later()
    {
        using var gate = new LetterGate(maxConcurrent: 1);
        using var held = await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(held);

        var (status, body, response) = await PostAsync(Encoding.UTF8.GetBytes("Giao Bộ Tài chính rà soát."), "text/plain", NewApi(gate));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal(LetterGate.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture), response.Headers.RetryAfter.ToString());
        Assert.Contains("letters are read at once", body.GetProperty("detail").GetString());
    }
}
