using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Local.Commands.Bench;

/// <summary>The synthetic directive the benchmarks import: N task items labelled 1 to N.</summary>
public static class BenchDirective
{
    /// <summary>A synthetic directive of <paramref name="count"/> task items, all due on <paramref name="due"/>.</summary>
    public static string Of(int count, DateOnly issued, DateOnly due) => new JsonObject
    {
        ["number"] = "9" + issued.DayOfYear.ToString("D3", CultureInfo.InvariantCulture),
        ["code"] = "BENCH",
        ["issueDate"] = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["issuer"] = "Văn phòng Chính phủ",
        ["signer"] = new JsonObject { ["name"] = "Bench", ["title"] = "Phó Chủ nhiệm", ["authority"] = "KT. BỘ TRƯỞNG, CHỦ NHIỆM" },
        ["subject"] = "V/v đo hiệu năng",
        ["recipients"] = new JsonArray("Bộ Tài chính"),
        ["items"] = new JsonArray(Enumerable.Range(1, count).Select(i => (JsonNode)new JsonObject
        {
            ["label"] = i.ToString(CultureInfo.InvariantCulture),
            ["kind"] = "task",
            ["text"] = $"Nhiệm vụ {i}: xây dựng và trình báo cáo.",
            ["lead"] = i % 2 == 0 ? "Bộ Tài chính" : "Bộ Xây dựng",
            ["deadlinePhrase"] = $"ngày {due:dd/MM/yyyy}",
        }).ToArray()),
    }.ToJsonString();

    /// <summary>The labels of <see cref="Of"/>'s items, in order.</summary>
    public static IEnumerable<string> Labels(int count) => Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture));
}
