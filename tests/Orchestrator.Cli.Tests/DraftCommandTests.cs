using Orchestrator.Local;
using System.Text.Json;
using Orchestrator.Local.Commands;

namespace Orchestrator.Cli.Tests;

public sealed class DraftCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("draft-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Letter = """
        VĂN PHÒNG CHÍNH PHỦ
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Số: 321/VPCP-KTTH
        V/v rà soát dự án
        Hà Nội, ngày 10 tháng 2 năm 2025
        Kính gửi: Bộ Tài chính
        Thủ tướng Chính phủ giao Bộ Tài chính rà soát các dự án, báo cáo trước ngày 15 tháng 3 năm 2025.
        Văn phòng Chính phủ thông báo để Bộ Tài chính biết, thực hiện./.
        """;

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["draft", .. args], new CliContext(stdout, stderr));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_letter_is_drafted_to_the_out_file_with_a_summary_of_its_plan()
    {
        var letter = Path.Combine(_folder, "letter.txt");
        var output = Path.Combine(_folder, "draft.json");
        await File.WriteAllTextAsync(letter, Letter);

        var (code, stdout, _) = await RunAsync(letter, "--out", output, "--today", "2026-11-27");

        Assert.Equal(0, code);
        using var draft = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var item = draft.RootElement.GetProperty("directive").GetProperty("items")[0];
        Assert.Equal("Bộ Tài chính", item.GetProperty("lead").GetString());
        Assert.Contains("1 item(s)", stdout);
        Assert.Contains("due 2025-03-14", stdout);
    }

    [Fact]
    public async Task Without_out_the_draft_json_goes_to_stdout()
    {
        var letter = Path.Combine(_folder, "letter.txt");
        await File.WriteAllTextAsync(letter, Letter);

        var (code, stdout, _) = await RunAsync(letter);

        Assert.Equal(0, code);
        Assert.Equal("321", JsonDocument.Parse(stdout).RootElement.GetProperty("directive").GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_missing_file_or_an_unknown_format_is_a_usage_error()
    {
        var (missing, _, missingErr) = await RunAsync(Path.Combine(_folder, "nope.txt"));
        Assert.Equal(1, missing);
        Assert.Contains("nope.txt", missingErr);

        var odt = Path.Combine(_folder, "letter.odt");
        await File.WriteAllTextAsync(odt, Letter);
        var (unknown, _, unknownErr) = await RunAsync(odt);
        Assert.Equal(1, unknown);
        Assert.Contains(".docx", unknownErr);

        var (none, _, noneErr) = await RunAsync();
        Assert.Equal(1, none);
        Assert.Contains("usage", noneErr);
    }
}
