using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orchestrator.Local.Commands;

/// <summary>What <c>orchestrator report</c> asks for: a month ("YYYY-MM") or a period (From, To as
/// "YYYY-MM-DD"), optionally one directive, written to <see cref="Out"/> (.xlsx or .html by its
/// extension unless <see cref="Format"/> says) from the host at <see cref="Url"/>.</summary>
public sealed record ReportOptions(string? Month, string? From, string? To, string? Directive, string Out, string? Format,
    string Url, string? Key);

/// <summary>
/// <c>orchestrator report --month 2026-11 --out report.xlsx</c>: fetches the monthly report from
/// GET /api/reports/monthly of either host and writes it to a file. Exit 0 when written; 1 for a
/// usage error; 2 when the API refused (its problem detail is printed) or could not be reached.
/// </summary>
public static class ReportCommand
{
    public static Command Create(CliContext cli)
    {
        var month = CliOptions.Text("--month", "The month to report (YYYY-MM)", "YYYY-MM");
        var from = CliOptions.Text("--from", "First day of another period (YYYY-MM-DD), with --to", "YYYY-MM-DD");
        var to = CliOptions.Text("--to", "Last day of that period (YYYY-MM-DD)", "YYYY-MM-DD");
        var directive = CliOptions.Text("--directive", "Only this directive's items", "ID");
        var output = new Option<string>("--out") { Description = "The file to write (.xlsx or .html)", HelpName = "FILE", Required = true };
        var format = CliOptions.Text("--format", "xlsx or html (default: from the file's extension)", "xlsx|html");
        var url = CliOptions.Text("--url", "The host (default: $ORCHESTRATOR_URL or " + LocalHost.DefaultUrl + ")", "URL");
        var key = CliOptions.Text("--key", "The API key (default: $ORCHESTRATOR_KEY)", "KEY");
        return Verb.Create(cli, "report", "Saves the monthly report (counts by agency, overdue items, items due next month) of either host",
            [month, from, to, directive, output, format, url, key],
            parse => new ReportOptions(parse.GetValue(month), parse.GetValue(from), parse.GetValue(to), parse.GetValue(directive),
                parse.GetValue(output)!, parse.GetValue(format),
                parse.GetValue(url) ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_URL") ?? LocalHost.DefaultUrl,
                parse.GetValue(key) ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_KEY")),
            (options, c, ct) => RunAsync(options, c.Out, ct, c.HttpHandler, c.Error));
    }

    public static async Task<int> RunAsync(ReportOptions options, TextWriter output, CancellationToken ct,
        HttpMessageHandler? handler = null, TextWriter? errors = null)
    {
        errors ??= output;
        var format = options.Format?.ToLowerInvariant()
                     ?? (options.Out.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || options.Out.EndsWith(".htm", StringComparison.OrdinalIgnoreCase) ? "html" : "xlsx");
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var baseUri))
        {
            errors.WriteLine($"report: --url is not an absolute URL: {options.Url}");
            return 1;
        }
        var query = new List<string> { "format=" + Uri.EscapeDataString(format) };
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) query.Add(name + "=" + Uri.EscapeDataString(value)); }
        Add("month", options.Month);
        Add("from", options.From);
        Add("to", options.To);
        Add("directive", options.Directive);

        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = baseUri;
        if (!string.IsNullOrEmpty(options.Key)) http.DefaultRequestHeaders.Add("x-functions-key", options.Key);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync("api/reports/monthly?" + string.Join("&", query), ct);
        }
        catch (HttpRequestException e)
        {
            errors.WriteLine($"report: could not reach {baseUri}: {e.Message}");
            return 2;
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var detail = await ProblemDetailAsync(response, ct);
                errors.WriteLine($"report: the API answered {(int)response.StatusCode}: {detail}");
                return 2;
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            await File.WriteAllBytesAsync(options.Out, bytes, ct);
            output.WriteLine($"Report written to {options.Out} ({bytes.Length:N0} bytes, {format}).");
            return 0;
        }
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            var problem = JsonSerializer.Deserialize<JsonElement>(body);
            if (problem.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text) return text;
        }
        catch (JsonException) { }
        return body.Length > 500 ? body[..500] : body;
    }
}
