using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Orchestrator.Local.Commands;

/// <summary>An admin verb's options: the connection, then what the verb takes.</summary>
public sealed record AdminOptions(
    Uri Url, string Key, string Operator, string? InstanceId = null, bool Json = false, bool DryRun = false, string? Reason = null,
    string? Since = null, string? Until = null, string? Prefix = null, string? Status = null, int? Limit = null,
    int? OlderThanDays = null, DateOnly? Date = null, string? Instance = null);

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

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["failed"] = "Lists failed instances (or those of --status) with their reason",
        ["show"] = "Shows one instance: status, item, failure, the actions it allows and its history",
        ["rewind"] = "Replays a failed instance from its failure, keeping what it did (an id, or filters for a bulk run)",
        ["restart"] = "Starts an instance again from its input (an id, or filters; a bulk run selects Failed unless --status says otherwise)",
        ["terminate"] = "Stops instances (an id, or filters; a bulk run selects running, pending and suspended ones)",
        ["purge"] = "Deletes the history of finished instances (an id, or filters such as --older-than-days)",
        ["audit"] = "Prints the audit table: who did what to which instance, and why",
    };

    /// <summary>The admin verbs, each with the options it takes plus the connection ones.</summary>
    public static IEnumerable<Command> Create(CliContext cli) => VerbNames.Select(verb => CreateVerb(cli, verb));

    private static Command CreateVerb(CliContext cli, string verb)
    {
        var url = new Option<Uri?>("--url")
        {
            Description = "The host's base URL (default: $ORCHESTRATOR_URL, else " + LocalHost.DefaultUrl + ")",
            HelpName = "URL",
            CustomParser = r => Uri.TryCreate(r.Tokens[0].Value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u
                : Refuse<Uri>(r, $"--url expects an absolute http(s) URL, got \"{r.Tokens[0].Value}\""),
        };
        var key = CliOptions.Text("--key", "The admin key (default: $ORCHESTRATOR_ADMIN_KEY)", "KEY");
        var who = CliOptions.Text("--operator", "Whom the key holder acts for, noted in the audit table (default: cli:$USER)", "NAME");
        var json = CliOptions.JsonFlag();
        var instanceId = new Argument<string?>("instanceId") { Description = "The instance (orchestration) id" };
        var reason = CliOptions.Text("--reason", "Why (required; written to the audit table)");
        var since = CliOptions.Text("--since", "Created since: 30m, 24h, 2d before now, or an ISO 8601 instant", "WHEN");
        var until = CliOptions.Text("--until", "Created until: 30m, 24h, 2d before now, or an ISO 8601 instant", "WHEN");
        var prefix = CliOptions.Text("--prefix", "Instance ids that start with this (a directive is \"<directiveId>:\")", "PREFIX");
        var status = CliOptions.Text("--status", "Runtime status to select (Failed, Running, Pending, Suspended, Completed, Terminated)", "STATUS");
        var limit = CliOptions.Number("--limit", "The most instances to list or act on");
        var dryRun = new Option<bool>("--dry-run") { Description = "List what a bulk run would do; change nothing" };
        var olderThan = CliOptions.Number("--older-than-days", "Finished more than N days ago", 0);
        var date = CliOptions.Date("--date", "The day (UTC) whose audit entries to print (default: today)");
        var instance = CliOptions.Text("--instance", "Only the entries of this instance", "ID");

        List<Symbol> symbols = verb switch
        {
            "failed" => [since, until, prefix, status, limit, json],
            "show" => [instanceId, json],
            "audit" => [date, instance, json],
            "purge" => [instanceId, reason, since, until, prefix, status, limit, olderThan, dryRun, json],
            _ => [instanceId, reason, since, until, prefix, status, limit, dryRun, json],
        };
        if (verb == "show") instanceId.Arity = ArgumentArity.ExactlyOne;
        else
        {
            // An action takes one id, or none and filters (a bulk run).
            instanceId.Arity = ArgumentArity.ZeroOrOne;
            instanceId.DefaultValueFactory = _ => null;
        }
        symbols.AddRange([url, key, who]);

        return Verb.Create(cli, verb, Descriptions[verb], symbols,
            parse => new AdminOptions(
                Url: parse.GetValue(url) ?? ConfiguredUrl(),
                Key: parse.GetValue(key) ?? NonEmpty(Environment.GetEnvironmentVariable("ORCHESTRATOR_ADMIN_KEY"))
                    ?? throw new UsageException("the admin key is required: --key or ORCHESTRATOR_ADMIN_KEY"),
                Operator: parse.GetValue(who) ?? "cli:" + (Environment.GetEnvironmentVariable("USER") ?? "unknown"),
                InstanceId: parse.GetValue(instanceId), Json: parse.GetValue(json), DryRun: parse.GetValue(dryRun), Reason: parse.GetValue(reason),
                Since: parse.GetValue(since), Until: parse.GetValue(until), Prefix: parse.GetValue(prefix), Status: parse.GetValue(status),
                Limit: parse.GetValue(limit), OlderThanDays: parse.GetValue(olderThan), Date: parse.GetValue(date), Instance: parse.GetValue(instance)),
            (options, c, _) => RunAsync(verb, options, c));
    }

    private static T? Refuse<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Uri ConfiguredUrl()
    {
        var url = Environment.GetEnvironmentVariable("ORCHESTRATOR_URL") ?? LocalHost.DefaultUrl;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new UsageException($"ORCHESTRATOR_URL is not an absolute URL: {url}");
    }

    public static async Task<int> RunAsync(string verb, AdminOptions a, CliContext cli)
    {
        var (stdout, stderr) = (cli.Out, cli.Error);
        using var http = cli.HttpHandler is null ? new HttpClient() : new HttpClient(cli.HttpHandler, disposeHandler: false);
        http.BaseAddress = a.Url;
        http.Timeout = TimeSpan.FromMinutes(10);
        http.DefaultRequestHeaders.Add("x-functions-key", a.Key);
        http.DefaultRequestHeaders.Add("x-operator", a.Operator);
        try
        {
            return verb switch
            {
                "failed" => await FailedAsync(http, a, stdout, cli.Clock),
                "show" => await ShowAsync(http, a, stdout),
                "audit" => await AuditAsync(http, a, stdout),
                _ => await ActAsync(http, verb, a, stdout, stderr, cli.Clock),
            };
        }
        catch (ApiException e)
        {
            stderr.WriteLine($"{verb}: {e.Message}");
            return ExitCodes.Refused;
        }
        catch (HttpRequestException e)
        {
            stderr.WriteLine($"{verb}: cannot reach {http.BaseAddress}: {e.Message}");
            return ExitCodes.Refused;
        }
    }

    private static async Task<int> FailedAsync(HttpClient http, AdminOptions a, TextWriter stdout, TimeProvider clock)
    {
        var query = new List<string> { "status=" + Uri.EscapeDataString(a.Status ?? "Failed") };
        if (Since(a.Since, "--since", clock) is { } from) query.Add("createdFrom=" + Uri.EscapeDataString(from.ToString("O")));
        if (Since(a.Until, "--until", clock) is { } to) query.Add("createdTo=" + Uri.EscapeDataString(to.ToString("O")));
        if (a.Prefix is { } prefix) query.Add("prefix=" + Uri.EscapeDataString(prefix));
        var limit = a.Limit ?? 100;
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
        if (a.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new { count = instances.Count, truncated, continuation, instances }, CliOptions.JsonFormat));
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
        Terminal.WriteTable(stdout, ["INSTANCE", "STATUS", "AGENCY", "DUE", "UPDATED (UTC)", "REASON"], rows);
        stdout.WriteLine($"{rows.Count} instance(s){(truncated ? " (more: raise --limit)" : "")}.");
        return 0;
    }

    private static async Task<int> ShowAsync(HttpClient http, AdminOptions a, TextWriter stdout)
    {
        var i = await GetAsync(http, "api/admin/instances/" + Uri.EscapeDataString(a.InstanceId!));
        if (a.Json) { stdout.WriteLine(Pretty(i)); return 0; }

        stdout.WriteLine($"Instance:  {Str(i, "instanceId")}  ({Str(i, "name")})");
        stdout.WriteLine($"Status:    {Str(i, "runtimeStatus")}   created {When(i.GetProperty("createdAt"))}, updated {When(i.GetProperty("lastUpdatedAt"))} UTC");
        if (i.TryGetProperty("item", out var item))
            stdout.WriteLine(Terminal.Fit($"Item:      directive {Str(item, "directiveId")}, label {Str(item, "label")}, agency {Str(item, "agency")}, " +
                                           $"due {(item.TryGetProperty("dueUtc", out var due) ? Day(due) : "?")}, state {Str(item, "state")}", stdout));
        if (i.TryGetProperty("customStatus", out var custom))
            stdout.WriteLine(Terminal.Fit("Custom:    " + custom.GetRawText(), stdout));
        if (i.TryGetProperty("failureReason", out var failure))
            stdout.WriteLine(Terminal.Fit("Failure:   " + failure.GetString(), stdout));
        stdout.WriteLine("Actions:   " + string.Join(", ", i.GetProperty("actions").EnumerateArray().Select(x => x.GetString())));
        var history = i.GetProperty("history");
        stdout.WriteLine();
        if (!history.GetProperty("available").GetBoolean())
        {
            stdout.WriteLine("History:   " + Str(history, "note"));
            return 0;
        }
        Terminal.WriteTable(stdout, ["TIME (UTC)", "EVENT", "NAME", "DETAIL"],
            history.GetProperty("events").EnumerateArray().Select(e => (IReadOnlyList<string?>)
                [When(e.GetProperty("at"), seconds: true), Str(e, "event"), Str(e, "name"), Str(e, "detail")]));
        return 0;
    }

    private static async Task<int> AuditAsync(HttpClient http, AdminOptions a, TextWriter stdout)
    {
        var query = new List<string>();
        if (a.Date is { } day) query.Add("date=" + CliOptions.IsoDate(day));
        if (a.Instance is { } id) query.Add("instanceId=" + Uri.EscapeDataString(id));
        var audit = await GetAsync(http, "api/admin/audit" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        if (a.Json) { stdout.WriteLine(Pretty(audit)); return 0; }
        Terminal.WriteTable(stdout, ["TIME (UTC)", "WHO", "ACTION", "INSTANCE", "RESULT", "REASON"],
            audit.GetProperty("entries").EnumerateArray().Select(e => (IReadOnlyList<string?>)
            [
                When(e.GetProperty("atUtc"), seconds: true), Str(e, "who") + (Str(e, "onBehalfOf") is { Length: > 0 } note ? $" for {note}" : ""),
                Str(e, "action") + (e.GetProperty("dryRun").GetBoolean() ? " (dry)" : ""), Str(e, "instanceId"), Str(e, "result"), Str(e, "reason"),
            ]));
        return 0;
    }

    private static async Task<int> ActAsync(HttpClient http, string verb, AdminOptions a, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var reason = a.Reason;
        if (string.IsNullOrWhiteSpace(reason)) throw new UsageException("--reason is required (it is written to the audit table)");

        if (a.InstanceId is { } instanceId)
        {
            if (a.DryRun) throw new UsageException("--dry-run is for bulk runs (give a filter instead of an id)");
            var result = await PostAsync(http, $"api/admin/instances/{Uri.EscapeDataString(instanceId)}/{verb}", new { reason });
            if (a.Json) stdout.WriteLine(Pretty(result));
            else stdout.WriteLine($"{verb}: {instanceId} was {Str(result, "statusBefore")}: {Str(result, "result")}" +
                                  (result.TryGetProperty("detail", out var d) ? $" ({d.GetString()})" : ""));
            return 0;
        }

        // Bulk: plan with a dry run, then act in batches of explicit ids (re-checked by the server).
        var filter = new Dictionary<string, object?> { ["reason"] = reason };
        if (a.Status is { } status) filter["status"] = status;
        if (Since(a.Since, "--since", clock) is { } from) filter["createdFrom"] = from;
        if (Since(a.Until, "--until", clock) is { } to) filter["createdTo"] = to;
        if (a.Prefix is { } prefix) filter["instanceIdPrefix"] = prefix;
        if (a.Limit is { } limit) filter["limit"] = limit;
        if (a.OlderThanDays is { } days) filter["olderThanDays"] = days;
        if (filter.Count == 1) throw new UsageException($"a bulk {verb} needs at least one filter (--since, --until, --prefix, --status, --older-than-days) or an instance id");

        var plan = await PostAsync(http, $"api/admin/bulk/{verb}?dryRun=true", filter);
        var targets = plan.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("result").GetString()!.StartsWith("would", StringComparison.Ordinal))
            .Select(r => r.GetProperty("instanceId").GetString()!).ToList();
        if (a.DryRun)
        {
            if (a.Json) { stdout.WriteLine(Pretty(plan)); return 0; }
            WriteResults(stdout, plan.GetProperty("results").EnumerateArray());
            stdout.WriteLine($"Dry run: {targets.Count} instance(s) would be {Past(verb)}, {plan.GetProperty("skipped").GetInt32()} skipped" +
                             $"{(plan.GetProperty("truncated").GetBoolean() ? " (the selection hit the limit)" : "")}. Nothing was changed.");
            return 0;
        }

        var all = new List<JsonElement>();
        var console = Terminal.For(stderr);
        string Done() => $"{verb} {all.Count}/{targets.Count}: {Counts(all)}";
        await console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(verb, maxValue: Math.Max(1, targets.Count));
                for (var start = 0; start < targets.Count; start += BatchSize)
                {
                    var batch = targets.Skip(start).Take(BatchSize).ToList();
                    var report = await PostAsync(http, $"api/admin/bulk/{verb}", new { reason, instanceIds = batch, status = a.Status });
                    all.AddRange(report.GetProperty("results").EnumerateArray());
                    task.Description = Markup.Escape(Done());
                    task.Value = all.Count;
                }
                task.Value = task.MaxValue;
            });
        // Off a terminal Spectre prints the progress as a line now and then, not always the last: end with it.
        if (!console.Profile.Capabilities.Interactive) stderr.WriteLine(Done());

        var failed = all.Where(r => r.GetProperty("result").GetString()!.StartsWith("failed", StringComparison.Ordinal)).ToList();
        if (a.Json) stdout.WriteLine(JsonSerializer.Serialize(new { action = verb, reason, results = all }, CliOptions.JsonFormat));
        else
        {
            if (failed.Count > 0) WriteResults(stdout, failed);
            stdout.WriteLine($"{Past(verb)}: {Counts(all)} of {targets.Count} planned.");
        }
        return failed.Count > 0 ? ExitCodes.PartlyFailed : ExitCodes.Ok;
    }

    private static void WriteResults(TextWriter stdout, IEnumerable<JsonElement> results) =>
        Terminal.WriteTable(stdout, ["INSTANCE", "WAS", "RESULT", "DETAIL"], results.Select(r => (IReadOnlyList<string?>)
            [Str(r, "instanceId"), Str(r, "statusBefore"), Str(r, "result"), Str(r, "detail")]));

    private static string Counts(List<JsonElement> results)
    {
        var skipped = results.Count(r => r.GetProperty("result").GetString()!.StartsWith("skipped", StringComparison.Ordinal));
        var failed = results.Count(r => r.GetProperty("result").GetString()!.StartsWith("failed", StringComparison.Ordinal));
        return $"done {results.Count - skipped - failed}, skipped {skipped}, failed {failed}";
    }

    private static string Past(string verb) => verb switch { "rewind" => "rewound", _ => verb.TrimEnd('e') + "ed" };

    /// <summary>"24h", "2d", "30m" before now, or an ISO 8601 instant or date.</summary>
    internal static DateTimeOffset? Since(string? v, string name, TimeProvider clock)
    {
        if (v is not { Length: > 0 }) return null;
        var unit = v[^1];
        if (unit is 'm' or 'h' or 'd' && double.TryParse(v[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return clock.GetUtcNow() - (unit switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) });
        if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        throw new UsageException($"{name} expects 30m, 24h, 2d or an ISO 8601 instant, got \"{v}\"");
    }

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
        else if (text.Length > 0) message.Append(": ").Append(Terminal.Fit(text, 300));
        throw new ApiException(message.ToString());
    }

    private static string Pretty(JsonElement e) => JsonSerializer.Serialize(e, CliOptions.JsonFormat);

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "";

    private static string When(JsonElement e, bool seconds = false) =>
        e.TryGetDateTimeOffset(out var at) ? at.UtcDateTime.ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    private static string Day(JsonElement e) =>
        e.TryGetDateTimeOffset(out var at) ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    private sealed class ApiException(string message) : Exception(message);
}
