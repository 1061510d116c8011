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
    public const string Usage = """
        usage: orchestrator report --month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD
                                   --out FILE(.xlsx|.html) [--format xlsx|html] [--directive ID]
                                   [--url URL (default $ORCHESTRATOR_URL or http://127.0.0.1:7071)] [--key KEY (default $ORCHESTRATOR_KEY)]
        """;

    private static readonly HashSet<string> Valued = ["--month", "--from", "--to", "--directive", "--out", "--format", "--url", "--key"];

    /// <summary>The command line's minimal parsing (the verb wiring); <see cref="RunAsync(ReportOptions, TextWriter, CancellationToken, HttpMessageHandler?)"/> does the work.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ReportOptions options;
        try
        {
            var a = CommandArgs.Parse(args, new HashSet<string>(), Valued);
            if (a.Positional.Count > 0) throw new ArgumentException($"unexpected argument '{a.Positional[0]}'");
            options = new ReportOptions(a.Value("--month"), a.Value("--from"), a.Value("--to"), a.Value("--directive"),
                a.Value("--out") ?? throw new ArgumentException("--out FILE is required"), a.Value("--format"),
                a.Value("--url") ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_URL") ?? LocalHost.DefaultUrl,
                a.Value("--key") ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_KEY"));
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"report: {e.Message}");
            stderr.WriteLine(Usage);
            return 1;
        }
        return await RunAsync(options, stdout, CancellationToken.None, errors: stderr);
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
