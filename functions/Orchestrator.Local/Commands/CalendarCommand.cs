using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Domain.Calendar;

namespace Orchestrator.Local.Commands;

/// <summary>What <c>orchestrator calendar …</c> was asked to do.</summary>
public sealed record CalendarCommandOptions(string Action, IReadOnlyList<string> Arguments, Uri Url, string? Key, string Operator,
    string? Reason = null, bool Json = false);

/// <summary>
/// The working-day calendar from the command line. <c>show YEAR</c> prints a year's days off as this
/// build computes them (decided or expected; no host needed). <c>list</c> and <c>load FILE</c> go
/// over the admin API of either host: <c>load</c> checks the file first (the same checks as the
/// host: a bad file is refused with the field and what was expected, exit 2, nothing sent), then
/// sends it; the host stores it, audits it and re-plans the running items it may move.
/// Exit 0 when done; 1 for a usage error; 2 when the file or the API refused, or the host could not be reached.
/// </summary>
public static class CalendarCommand
{
    private static readonly string[] Actions = ["show", "list", "load"];

    public static Command Create(CliContext cli)
    {
        var words = new Argument<string[]>("action") { Description = "show <year> | list | load <YYYY.json>", Arity = new ArgumentArity(1, 2) };
        var url = CliOptions.Text("--url", "The host (default: $ORCHESTRATOR_URL or " + LocalHost.DefaultUrl + ")", "URL");
        var key = CliOptions.Text("--key", "The admin key (default: $ORCHESTRATOR_ADMIN_KEY)", "KEY");
        var who = CliOptions.Text("--operator", "Whom the key holder acts for, noted in the audit table (default: cli:$USER)", "NAME");
        var reason = CliOptions.Text("--reason", "load: why, e.g. the decision's number (written to the audit table)");
        var json = CliOptions.JsonFlag();
        return Verb.Create(cli, "calendar", "Shows a year's working-day calendar; lists and loads the official holiday schedules of either host",
            [words, url, key, who, reason, json],
            parse =>
            {
                var positional = parse.GetValue(words) ?? [];
                if (positional.Length == 0 || !Actions.Contains(positional[0]))
                    throw new UsageException("say what to do: " + string.Join(", ", Actions));
                var address = parse.GetValue(url) ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_URL") ?? LocalHost.DefaultUrl;
                if (!Uri.TryCreate(address, UriKind.Absolute, out var baseUri)) throw new UsageException($"--url is not an absolute URL: {address}");
                var adminKey = parse.GetValue(key) ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_ADMIN_KEY");
                if (positional[0] != "show" && string.IsNullOrEmpty(adminKey))
                    throw new UsageException("the admin key is required: --key or ORCHESTRATOR_ADMIN_KEY");
                return new CalendarCommandOptions(positional[0], positional.Skip(1).ToList(), baseUri, adminKey,
                    parse.GetValue(who) ?? "cli:" + (Environment.GetEnvironmentVariable("USER") ?? "unknown"), parse.GetValue(reason), parse.GetValue(json));
            },
            (options, c, ct) => RunAsync(options, c.Out, c.Error, ct, c.HttpHandler));
    }

    public static async Task<int> RunAsync(CalendarCommandOptions o, TextWriter stdout, TextWriter stderr, CancellationToken ct,
        HttpMessageHandler? handler = null)
    {
        try
        {
            if (o.Action == "show") return Show(o, stdout);
            HolidayYear? schedule = null;
            if (o.Action == "load" && (schedule = Check(o, stderr)) is null) return ExitCodes.Refused;
            using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.BaseAddress = o.Url;
            http.DefaultRequestHeaders.Add("x-functions-key", o.Key);
            http.DefaultRequestHeaders.Add("x-operator", o.Operator);
            try
            {
                return schedule is null ? await ListAsync(http, o, stdout, ct) : await LoadAsync(http, o, schedule, stdout, ct);
            }
            catch (HttpRequestException e)
            {
                stderr.WriteLine($"calendar {o.Action}: cannot reach {http.BaseAddress}: {e.Message}");
                return ExitCodes.Refused;
            }
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"calendar {o.Action}: {e.Message}");
            stderr.WriteLine("Run 'orchestrator calendar --help' for its usage.");
            return ExitCodes.Usage;
        }
        catch (ApiException e)
        {
            stderr.WriteLine($"calendar {o.Action}: {e.Message}");
            return ExitCodes.Refused;
        }
    }

    private static int Show(CalendarCommandOptions o, TextWriter stdout)
    {
        if (o.Arguments.Count != 1 || !int.TryParse(o.Arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            throw new UsageException("show takes a year, e.g. 'calendar show 2028'");
        if (!WorkingDayCalendar.Covers(year))
            throw new UsageException($"the calendar covers {WorkingDayCalendar.FirstYear} to {WorkingDayCalendar.LastYear}");
        var calendar = WorkingDayCalendar.Default();
        var data = calendar.YearData(year);
        if (o.Json) { stdout.WriteLine(JsonSerializer.Serialize(data, CliOptions.JsonFormat)); return ExitCodes.Ok; }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{year}: {data.Status}{(calendar.IsExpected(new DateOnly(year, 1, 1)) ? " (dự kiến: computed by rule)" : "")}"));
        stdout.WriteLine(data.Source);
        foreach (var d in data.Holidays)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d.Date:yyyy-MM-dd} {d.Date.DayOfWeek,-9} off     {d.Name}"));
        foreach (var d in data.WorkingWeekendDays)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d.Date:yyyy-MM-dd} {d.Date.DayOfWeek,-9} worked  {d.Name}"));
        return ExitCodes.Ok;
    }

    /// <summary>Reads and checks the file as the host would; prints each problem (field: expected) and returns null when refused.</summary>
    private static HolidayYear? Check(CalendarCommandOptions o, TextWriter stderr)
    {
        if (o.Arguments.Count != 1) throw new UsageException("load takes the schedule file, e.g. 'calendar load 2027.json --reason \"QĐ ...\"'");
        if (string.IsNullOrWhiteSpace(o.Reason)) throw new UsageException("--reason is required (it is written to the audit table)");
        string text;
        try { text = File.ReadAllText(o.Arguments[0]); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"cannot read {o.Arguments[0]}: {e.Message}"); }
        HolidayYear? schedule;
        try { schedule = WorkingDayCalendar.Parse(text, o.Arguments[0]); }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            stderr.WriteLine($"calendar load: {o.Arguments[0]}: {(e as JsonException)?.Path ?? "$"}: {e.Message}");
            return null;
        }
        var problems = HolidayYearRules.Check(schedule, decidedOnly: true);
        foreach (var p in problems) stderr.WriteLine($"calendar load: {o.Arguments[0]}: {(p.Field.Length == 0 ? "$" : p.Field)}: expected {p.Expected}");
        return problems.Count == 0 ? schedule : null;
    }

    private static async Task<int> ListAsync(HttpClient http, CalendarCommandOptions o, TextWriter stdout, CancellationToken ct)
    {
        var list = await SendAsync(http, HttpMethod.Get, "api/admin/calendar", null, ct);
        if (o.Json) { stdout.WriteLine(JsonSerializer.Serialize(list, CliOptions.JsonFormat)); return ExitCodes.Ok; }
        Terminal.WriteTable(stdout, ["YEAR", "STATUS", "ORIGIN", "LOADED BY", "LOADED AT (UTC)"],
            list.GetProperty("decided").EnumerateArray().Select(y => (IReadOnlyList<string?>)
                [Str(y, "year"), Str(y, "status"), Str(y, "origin"), Str(y, "loadedBy"), Str(y, "loadedAtUtc")]));
        stdout.WriteLine(list.GetProperty("expectedRule").GetString());
        return ExitCodes.Ok;
    }

    private static async Task<int> LoadAsync(HttpClient http, CalendarCommandOptions o, HolidayYear schedule, TextWriter stdout, CancellationToken ct)
    {
        var body = JsonNode.Parse(await File.ReadAllTextAsync(o.Arguments[0], ct));
        var path = string.Create(CultureInfo.InvariantCulture, $"api/admin/calendar/{schedule.Year}?reason={Uri.EscapeDataString(o.Reason!)}");
        var result = await SendAsync(http, HttpMethod.Put, path, body, ct);
        if (o.Json) { stdout.WriteLine(JsonSerializer.Serialize(result, CliOptions.JsonFormat)); return ExitCodes.Ok; }
        stdout.WriteLine($"{Str(result, "year")} loaded ({Str(result, "status")}, {Str(result, "daysOff")} days off, " +
                         $"{Str(result, "workedWeekendDays")} weekend days worked{(Str(result, "replaced") == "true" ? ", replacing the schedule in use" : "")}).");
        stdout.WriteLine($"Running items asked to re-plan: {Str(result, "itemsSignalled")} of {Str(result, "itemsConsidered")}" +
                         $"{(Str(result, "itemsFailed") is "0" or "" ? "" : $", {Str(result, "itemsFailed")} failed (load the same file again)")} in {Str(result, "replanMs")} ms.");
        return ExitCodes.Ok;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement parsed = default;
        try { if (text.Length > 0) parsed = JsonDocument.Parse(text).RootElement.Clone(); } catch (JsonException) { }
        if (response.IsSuccessStatusCode && parsed.ValueKind == JsonValueKind.Object) return parsed;
        var message = new StringBuilder($"{(int)response.StatusCode} {response.ReasonPhrase}");
        if (parsed.ValueKind == JsonValueKind.Object && parsed.TryGetProperty("detail", out var detail)) message.Append(": ").Append(detail.GetString());
        else if (text.Length > 0) message.Append(": ").Append(Terminal.Fit(text, 300));
        throw new ApiException(message.ToString());
    }

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "";

    private sealed class ApiException(string message) : Exception(message);
}
