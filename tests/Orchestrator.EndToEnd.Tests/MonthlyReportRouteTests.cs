using System.Globalization;
using System.Net;
using System.Text.Json;
using Orchestrator.Domain.Common;
using Orchestrator.Local.Commands;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>GET /api/reports/monthly on the local host, and the CLI verb that saves it.</summary>
public sealed class MonthlyReportRouteTests
{
    [Fact]
    public async Task The_report_comes_as_a_workbook_or_a_page_and_a_bad_month_is_a_problem_naming_it()
    {
        await using var host = await TestHost.StartAsync();
        var today = VietnamTime.Today(DateTimeOffset.UtcNow);
        await host.ImportAsync(TestDirectives.Json("9721", today, ("1", today.AddDays(3))));
        await host.Client.WaitForStateAsync(TestDirectives.Id("9721", today), "1", "Open"); // in the read model
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var xlsx = await host.Client.GetAsync($"/api/reports/monthly?month={month}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"bao-cao-{month}.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]); // a zip package

        var html = await host.Client.GetStringAsync($"/api/reports/monthly?month={month}&format=html");
        Assert.Contains("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", html);
        Assert.Contains("Bộ Tài chính", html);

        var bad = await host.Client.GetAsync("/api/reports/monthly?month=2026-13&format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["month", "format"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));

        var file = Path.Combine(Path.GetTempPath(), TestNames.Unique("report") + ".html");
        try
        {
            var output = new StringWriter();
            var exit = await ReportCommand.RunAsync(new ReportOptions(month, null, null, null, file, null, host.BaseAddress.ToString(), TestHost.ApiKey),
                output, CancellationToken.None);
            Assert.Equal(0, exit);
            Assert.Contains("BÁO CÁO", await File.ReadAllTextAsync(file));

            var refused = new StringWriter();
            Assert.Equal(2, await ReportCommand.RunAsync(new ReportOptions("11-2026", null, null, null, file, null, host.BaseAddress.ToString(), TestHost.ApiKey),
                refused, CancellationToken.None));
            Assert.Contains("month", refused.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
