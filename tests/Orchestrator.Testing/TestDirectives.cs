using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Testing;

/// <summary>Small directives in the product's format, for tests that import them.</summary>
public static class TestDirectives
{
    /// <summary>
    /// A directive issued on <paramref name="issued"/> (a working Monday is best) whose items each
    /// have an explicit deadline phrase ("ngày dd/MM/yyyy"). Lead: Bộ Tài chính, coordinating: Bộ Xây dựng.
    /// </summary>
    public static string Json(string number, DateOnly issued, params (string Label, DateOnly Due)[] items) =>
        Json(number, issued, items, "VPCP-KTTH");

    public static string Json(string number, DateOnly issued, (string Label, DateOnly Due)[] items, string code) =>
        new JsonObject
        {
            ["number"] = number,
            ["code"] = code,
            ["issueDate"] = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["issuer"] = "Văn phòng Chính phủ",
            ["signer"] = new JsonObject { ["name"] = "Nguyễn Văn A", ["title"] = "Phó Chủ nhiệm", ["authority"] = "KT. BỘ TRƯỞNG, CHỦ NHIỆM" },
            ["subject"] = "V/v kiểm thử theo dõi nhiệm vụ",
            ["recipients"] = new JsonArray("Bộ Tài chính"),
            ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["label"] = i.Label,
                ["kind"] = "task",
                ["text"] = $"Nhiệm vụ kiểm thử {i.Label}: xây dựng và trình báo cáo.",
                ["lead"] = "Bộ Tài chính",
                ["coordinating"] = new JsonArray("Bộ Xây dựng"),
                ["deadlinePhrase"] = $"ngày {i.Due:dd/MM/yyyy}",
            }).ToArray()),
        }.ToJsonString();

    public static string Id(string number, DateOnly issued) => $"{issued.Year}-{number}-VPCP-KTTH";

    public static StringContent Content(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
