using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Local.Commands;

/// <summary>
/// Operator verbs over the admin API of either host (the local host or the Functions app):
/// <c>failed</c>, <c>show</c>, <c>rewind</c>, <c>restart</c>, <c>terminate</c>, <c>purge</c>, <c>audit</c>.
/// An action takes one instance id, or a filter for a bulk run (always planned with a dry run
/// first, then sent in small batches of ids so a progress bar can follow and an interrupted run
/// can simply be started again). Exit 0 when done; 1 for a usage error; 2 when the API refused or
/// could not be reached; 3 when a bulk run finished with failed instances.
/// </summary>
public static class AdminCommand
{
    public static readonly string[] VerbNames = ["failed", "show", "rewind", "restart", "terminate", "purge", "audit"];
    public const int BatchSize = 20;
    /// <summary>The most rows the admin API lists per request: a larger --limit is fetched in several, through the continuation.</summary>
    public const int ListPageLimit = 1000;

    public const string Usage = """
        usage: orchestrator failed    [--since 24h|2d|ISO] [--until ISO] [--prefix P] [--status Failed] [--limit N] [--json]
               orchestrator show      <instanceId> [--json]
               orchestrator rewind    <instanceId> --reason TEXT
               orchestrator rewind    --reason TEXT [--since ..] [--until ..] [--prefix P] [--limit N] [--dry-run] [--json]
               orchestrator restart   (same as rewind; a bulk restart selects Failed instances unless --status says otherwise)
               orchestrator terminate (same as rewind; selects running, pending and suspended instances)
               orchestrator purge     <instanceId> --reason TEXT | --reason TEXT [--older-than-days N] [filters] [--dry-run]
               orchestrator audit     [--date YYYY-MM-DD] [--instance ID] [--json]
        common: --url URL (default $ORCHESTRATOR_URL or http://127.0.0.1:7071)  --key KEY (default $ORCHESTRATOR_ADMIN_KEY)
                --operator NAME (default $USER; noted in the audit table as whom the key holder acts for)
        """;

    private static readonly HashSet<string> Flags = ["--json", "--dry-run"];
    private static readonly HashSet<string> Valued =
        ["--url", "--key", "--operator", "--reason", "--since", "--until", "--prefix", "--status", "--limit", "--older-than-days", "--date", "--instance"];

    public static async Task<int> RunAsync(string verb, string[] args, TextWriter stdout, TextWriter stderr,
        HttpMessageHandler? handler = null, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        CommandArgs a;
        HttpClient http;
        try
        {
            a = CommandArgs.Parse(args, Flags, Valued);
            var url = a.Value("--url") ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_URL") ?? LocalHost.DefaultUrl;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri)) throw new ArgumentException($"--url is not an absolute URL: {url}");
            var key = a.Value("--key") ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_ADMIN_KEY");
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("the admin key is required: --key or ORCHESTRATOR_ADMIN_KEY");
            http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.BaseAddress = baseUri;
            http.Timeout = TimeSpan.FromMinutes(10);
            http.DefaultRequestHeaders.Add("x-functions-key", key);
            http.DefaultRequestHeaders.Add("x-operator", a.Value("--operator") ?? "cli:" + (Environment.GetEnvironmentVariable("USER") ?? "unknown"));
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"{verb}: {e.Message}");
            stderr.WriteLine(Usage);
            return 1;
        }

        using (http)
        {
            try
            {
                return verb switch
                {
                    "failed" => await FailedAsync(http, a, stdout, clock),
                    "show" => await ShowAsync(http, a, stdout),
                    "audit" => await AuditAsync(http, a, stdout),
                    _ => await ActAsync(http, verb, a, stdout, stderr, clock),
                };
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"{verb}: {e.Message}");
                stderr.WriteLine(Usage);
                return 1;
            }
            catch (ApiException e)
            {
                stderr.WriteLine($"{verb}: {e.Message}");
                return 2;
            }
            catch (HttpRequestException e)
            {
                stderr.WriteLine($"{verb}: cannot reach {http.BaseAddress}: {e.Message}");
                return 2;
            }
        }
    }

    private static async Task<int> FailedAsync(HttpClient http, CommandArgs a, TextWriter stdout, TimeProvider clock)
    {
        if (a.Positional.Count > 0) throw new ArgumentException("failed takes no instance id (use show)");
        var query = new List<string> { "status=" + Uri.EscapeDataString(a.Value("--status") ?? "Failed") };
        if (Since(a, "--since", clock) is { } from) query.Add("createdFrom=" + Uri.EscapeDataString(from.ToString("O")));
        if (Since(a, "--until", clock) is { } to) query.Add("createdTo=" + Uri.EscapeDataString(to.ToString("O")));
        if (a.Value("--prefix") is { } prefix) query.Add("prefix=" + Uri.EscapeDataString(prefix));
        var limit = Limit(a) ?? 100;
        var instances = new List<JsonElement>();
        string? continuation = null;
        do
        {
            // The API resumes right after the last row it returned: pages join without gaps or repeats.
            var page = query.Append("limit=" + Math.Min(limit - instances.Count, ListPageLimit));
            if (continuation is not null) page = page.Append("continuation=" + Uri.EscapeDataString(continuation));
            var list = await GetAsync(http, "api/admin/instances?" + string.Join('&', page));
            instances.AddRange(list.GetProperty("instances").EnumerateArray());
            continuation = list.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (instances.Count < limit && continuation is not null);
        var truncated = continuation is not null;
        if (a.Has("--json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(new { count = instances.Count, truncated, continuation, instances }, CommandArgs.Json));
            return 0;
        }

        var rows = instances.Select(i => (IReadOnlyList<string?>)
        [
            i.GetProperty("instanceId").GetString(),
            Str(i, "runtimeStatus"),
            i.TryGetProperty("item", out var item) ? Str(item, "agency") : "",
            i.TryGetProperty("item", out var it2) && it2.TryGetProperty("dueUtc", out var due) ? Day(due) : "",
            When(i.GetProperty("lastUpdatedAt")),
            Str(i, "failureMessage"),
        ]).ToList();
        TextTable.Write(stdout, ["INSTANCE", "STATUS", "AGENCY", "DUE", "UPDATED (UTC)", "REASON"], rows, flexible: [0, 5]);
        stdout.WriteLine($"{rows.Count} instance(s){(truncated ? " (more: raise --limit)" : "")}.");
        return 0;
    }

    private static async Task<int> ShowAsync(HttpClient http, CommandArgs a, TextWriter stdout)
    {
        if (a.Positional.Count != 1) throw new ArgumentException("show takes exactly one instance id");
        var i = await GetAsync(http, "api/admin/instances/" + Uri.EscapeDataString(a.Positional[0]));
        if (a.Has("--json")) { stdout.WriteLine(Pretty(i)); return 0; }

        stdout.WriteLine($"Instance:  {Str(i, "instanceId")}  ({Str(i, "name")})");
        stdout.WriteLine($"Status:    {Str(i, "runtimeStatus")}   created {When(i.GetProperty("createdAt"))}, updated {When(i.GetProperty("lastUpdatedAt"))} UTC");
        if (i.TryGetProperty("item", out var item))
            stdout.WriteLine(TextTable.Fit($"Item:      directive {Str(item, "directiveId")}, label {Str(item, "label")}, agency {Str(item, "agency")}, " +
                                           $"due {(item.TryGetProperty("dueUtc", out var due) ? Day(due) : "?")}, state {Str(item, "state")}", TextTable.DefaultWidth));
        if (i.TryGetProperty("customStatus", out var custom))
            stdout.WriteLine(TextTable.Fit("Custom:    " + custom.GetRawText(), TextTable.DefaultWidth));
        if (i.TryGetProperty("failureReason", out var failure))
            stdout.WriteLine(TextTable.Fit("Failure:   " + failure.GetString(), TextTable.DefaultWidth));
        stdout.WriteLine("Actions:   " + string.Join(", ", i.GetProperty("actions").EnumerateArray().Select(x => x.GetString())));
        var history = i.GetProperty("history");
        stdout.WriteLine();
        if (!history.GetProperty("available").GetBoolean())
        {
            stdout.WriteLine("History:   " + Str(history, "note"));
            return 0;
        }
        TextTable.Write(stdout, ["TIME (UTC)", "EVENT", "NAME", "DETAIL"],
            history.GetProperty("events").EnumerateArray().Select(e => (IReadOnlyList<string?>)
                [When(e.GetProperty("at"), seconds: true), Str(e, "event"), Str(e, "name"), Str(e, "detail")]), flexible: [3]);
        return 0;
    }

    private static async Task<int> AuditAsync(HttpClient http, CommandArgs a, TextWriter stdout)
    {
        var query = new List<string>();
        if (a.Date("--date") is { } day) query.Add("date=" + CommandArgs.IsoDate(day));
        if (a.Value("--instance") is { } id) query.Add("instanceId=" + Uri.EscapeDataString(id));
        var audit = await GetAsync(http, "api/admin/audit" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        if (a.Has("--json")) { stdout.WriteLine(Pretty(audit)); return 0; }
        TextTable.Write(stdout, ["TIME (UTC)", "WHO", "ACTION", "INSTANCE", "RESULT", "REASON"],
            audit.GetProperty("entries").EnumerateArray().Select(e => (IReadOnlyList<string?>)
            [
                When(e.GetProperty("atUtc"), seconds: true), Str(e, "who") + (Str(e, "onBehalfOf") is { Length: > 0 } note ? $" for {note}" : ""),
                Str(e, "action") + (e.GetProperty("dryRun").GetBoolean() ? " (dry)" : ""), Str(e, "instanceId"), Str(e, "result"), Str(e, "reason"),
            ]), flexible: [1, 3, 4, 5]);
        return 0;
    }

    private static async Task<int> ActAsync(HttpClient http, string verb, CommandArgs a, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var reason = a.Value("--reason");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("--reason is required (it is written to the audit table)");
        if (a.Positional.Count > 1) throw new ArgumentException("give one instance id, or none and a filter for a bulk run");

        if (a.Positional.Count == 1)
        {
            if (a.Has("--dry-run")) throw new ArgumentException("--dry-run is for bulk runs (give a filter instead of an id)");
            var result = await PostAsync(http, $"api/admin/instances/{Uri.EscapeDataString(a.Positional[0])}/{verb}", new { reason });
            if (a.Has("--json")) stdout.WriteLine(Pretty(result));
            else stdout.WriteLine($"{verb}: {a.Positional[0]} was {Str(result, "statusBefore")}: {Str(result, "result")}" +
                                  (result.TryGetProperty("detail", out var d) ? $" ({d.GetString()})" : ""));
            return 0;
        }

        // Bulk: plan with a dry run, then act in batches of explicit ids (re-checked by the server).
        var filter = new Dictionary<string, object?> { ["reason"] = reason };
        if (a.Value("--status") is { } status) filter["status"] = status;
        if (Since(a, "--since", clock) is { } from) filter["createdFrom"] = from;
        if (Since(a, "--until", clock) is { } to) filter["createdTo"] = to;
        if (a.Value("--prefix") is { } prefix) filter["instanceIdPrefix"] = prefix;
        if (Limit(a) is { } limit) filter["limit"] = limit;
        if (a.Value("--older-than-days") is { } days)
            filter["olderThanDays"] = int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new ArgumentException("--older-than-days expects a whole number of days");
        if (filter.Count == 1) throw new ArgumentException($"a bulk {verb} needs at least one filter (--since, --until, --prefix, --status, --older-than-days) or an instance id");

        var plan = await PostAsync(http, $"api/admin/bulk/{verb}?dryRun=true", filter);
        var targets = plan.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("result").GetString()!.StartsWith("would", StringComparison.Ordinal))
            .Select(r => r.GetProperty("instanceId").GetString()!).ToList();
        if (a.Has("--dry-run"))
        {
            if (a.Has("--json")) { stdout.WriteLine(Pretty(plan)); return 0; }
            WriteResults(stdout, plan.GetProperty("results").EnumerateArray());
            stdout.WriteLine($"Dry run: {targets.Count} instance(s) would be {Past(verb)}, {plan.GetProperty("skipped").GetInt32()} skipped" +
                             $"{(plan.GetProperty("truncated").GetBoolean() ? " (the selection hit the limit)" : "")}. Nothing was changed.");
            return 0;
        }

        var all = new List<JsonElement>();
        var progress = new ProgressBar(stderr, targets.Count, verb);
        progress.Report(0, "");
        for (var start = 0; start < targets.Count; start += BatchSize)
        {
            var batch = targets.Skip(start).Take(BatchSize).ToList();
            var report = await PostAsync(http, $"api/admin/bulk/{verb}", new { reason, instanceIds = batch, status = a.Value("--status") });
            all.AddRange(report.GetProperty("results").EnumerateArray());
            progress.Report(all.Count, Counts(all));
        }
        progress.Done();

        var failed = all.Where(r => r.GetProperty("result").GetString()!.StartsWith("failed", StringComparison.Ordinal)).ToList();
        if (a.Has("--json")) stdout.WriteLine(JsonSerializer.Serialize(new { action = verb, reason, results = all }, CommandArgs.Json));
        else
        {
            if (failed.Count > 0) WriteResults(stdout, failed);
            stdout.WriteLine($"{Past(verb)}: {Counts(all)} of {targets.Count} planned.");
        }
        return failed.Count > 0 ? 3 : 0;
    }

    private static void WriteResults(TextWriter stdout, IEnumerable<JsonElement> results) =>
        TextTable.Write(stdout, ["INSTANCE", "WAS", "RESULT", "DETAIL"], results.Select(r => (IReadOnlyList<string?>)
            [Str(r, "instanceId"), Str(r, "statusBefore"), Str(r, "result"), Str(r, "detail")]), flexible: [0, 2, 3]);

    private static string Counts(List<JsonElement> results)
    {
        var skipped = results.Count(r => r.GetProperty("result").GetString()!.StartsWith("skipped", StringComparison.Ordinal));
        var failed = results.Count(r => r.GetProperty("result").GetString()!.StartsWith("failed", StringComparison.Ordinal));
        return $"done {results.Count - skipped - failed}, skipped {skipped}, failed {failed}";
    }

    private static string Past(string verb) => verb switch { "rewind" => "rewound", _ => verb.TrimEnd('e') + "ed" };

    /// <summary>"24h", "2d", "30m" before now, or an ISO 8601 instant or date.</summary>
    internal static DateTimeOffset? Since(CommandArgs a, string name, TimeProvider clock)
    {
        if (a.Value(name) is not { Length: > 0 } v) return null;
        var unit = v[^1];
        if (unit is 'm' or 'h' or 'd' && double.TryParse(v[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return clock.GetUtcNow() - (unit switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) });
        if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        throw new ArgumentException($"{name} expects 30m, 24h, 2d or an ISO 8601 instant, got \"{v}\"");
    }

    private static int? Limit(CommandArgs a) =>
        a.Value("--limit") is not { } v ? null
        : int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new ArgumentException("--limit expects a positive number");

    private static async Task<JsonElement> GetAsync(HttpClient http, string path) => await ReadAsync(await http.GetAsync(path));

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body) =>
        await ReadAsync(await http.PostAsJsonAsync(path, body));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body = default;
        try { if (text.Length > 0) body = JsonDocument.Parse(text).RootElement.Clone(); } catch (JsonException) { }
        if (response.IsSuccessStatusCode && body.ValueKind == JsonValueKind.Object) return body;

        var message = new StringBuilder($"{(int)response.StatusCode} {response.ReasonPhrase}");
        if (body.ValueKind == JsonValueKind.Object)
        {
            if (body.TryGetProperty("detail", out var detail)) message.Append(": ").Append(detail.GetString());
            if (body.TryGetProperty("suggestion", out var suggestion)) message.Append(" Suggestion: ").Append(suggestion.GetString()).Append('.');
        }
        else if (text.Length > 0) message.Append(": ").Append(TextTable.Fit(text, 300));
        throw new ApiException(message.ToString());
    }

    private static string Pretty(JsonElement e) => JsonSerializer.Serialize(e, CommandArgs.Json);

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "";

    private static string When(JsonElement e, bool seconds = false) =>
        e.TryGetDateTimeOffset(out var at) ? at.UtcDateTime.ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    private static string Day(JsonElement e) =>
        e.TryGetDateTimeOffset(out var at) ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    private sealed class ApiException(string message) : Exception(message);
}
