using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Local.Commands;

/// <summary>Field edits of <c>agencies edit</c>: each changes one part of the stored agency.</summary>
public sealed record AgencyEdits(
    string? Name = null, string? AddAlias = null, string? RemoveAlias = null, string? AddTitle = null, string? RemoveTitle = null,
    string? AddMember = null, string? RemoveMember = null, string? Successor = null, DateOnly? Effective = null, string? Basis = null,
    string? RemoveSuccessor = null, string? FocalPoint = null, string? Leadership = null)
{
    public bool Any => this != new AgencyEdits();
}

/// <summary>What <c>orchestrator agencies …</c> was asked to do.</summary>
public sealed record AgencyCommandOptions(
    string Action, IReadOnlyList<string> Arguments, Uri Url, string Key, string Operator,
    string? Reason = null, string? Search = null, string? Kind = null, bool Json = false, string? Out = null, AgencyEdits? Edits = null);

/// <summary>
/// The agency directory from the command line, over the admin API of either host: list, show,
/// add, edit (a whole agency from a file, or one field at a time: aliases, titles, members,
/// successor links, contacts), export and import. An edit reads the agency and sends it back with
/// its ETag, so a change made meanwhile by someone else is refused, not overwritten.
/// Exit 0 when done; 1 for a usage error; 2 when the API refused or could not be reached.
/// </summary>
public static class AgencyCommand
{
    private static readonly string[] Actions = ["list", "show", "add", "edit", "export", "import"];

    public static Command Create(CliContext cli)
    {
        var words = new Argument<string[]>("action") { Description = "list | show <code> | add <agency.json> | edit <code> [agency.json] | export | import <file.json>", Arity = new ArgumentArity(1, 3) };
        var url = CliOptions.Text("--url", "The host (default: $ORCHESTRATOR_URL or " + LocalHost.DefaultUrl + ")", "URL");
        var key = CliOptions.Text("--key", "The admin key (default: $ORCHESTRATOR_ADMIN_KEY)", "KEY");
        var who = CliOptions.Text("--operator", "Whom the key holder acts for, noted in the audit table (default: cli:$USER)", "NAME");
        var reason = CliOptions.Text("--reason", "Why (required by add, edit and import; written to the audit table)");
        var search = CliOptions.Text("--search", "list: only agencies whose name, alias or code contains this");
        var kind = CliOptions.Text("--kind", "list: agency, group or descriptive", "KIND");
        var json = CliOptions.JsonFlag();
        var output = CliOptions.Text("--out", "export: write the file here (default: standard output)", "FILE");
        var name = CliOptions.Text("--name", "edit: the agency's name");
        Option<string?> Edit(string option, string what) => CliOptions.Text(option, "edit: " + what);
        var addAlias = Edit("--add-alias", "add an alias"); var removeAlias = Edit("--remove-alias", "remove an alias");
        var addTitle = Edit("--add-title", "add a head's title"); var removeTitle = Edit("--remove-title", "remove a head's title");
        var addMember = Edit("--add-member", "add a group member (code)"); var removeMember = Edit("--remove-member", "remove a group member (code)");
        var successor = Edit("--successor", "a successor's code, with --effective");
        var effective = CliOptions.Date("--effective", "edit: the day the successor takes over");
        var basis = Edit("--basis", "the legal basis of the successor link");
        var removeSuccessor = Edit("--remove-successor", "remove the successor link to this code");
        var focalPoint = Edit("--focal-point", "the focal point's email (level 1)");
        var leadership = Edit("--leadership", "the leadership's email (level 2)");
        return Verb.Create(cli, "agencies", "Manages the stored agency directory of either host over its admin API",
            [words, url, key, who, reason, search, kind, json, output, name, addAlias, removeAlias, addTitle, removeTitle, addMember,
             removeMember, successor, effective, basis, removeSuccessor, focalPoint, leadership],
            parse =>
            {
                var positional = parse.GetValue(words) ?? [];
                if (positional.Length == 0 || !Actions.Contains(positional[0]))
                    throw new UsageException("say what to do: " + string.Join(", ", Actions));
                var address = parse.GetValue(url) ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_URL") ?? LocalHost.DefaultUrl;
                if (!Uri.TryCreate(address, UriKind.Absolute, out var baseUri)) throw new UsageException($"--url is not an absolute URL: {address}");
                var adminKey = parse.GetValue(key) ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_ADMIN_KEY");
                if (string.IsNullOrEmpty(adminKey)) throw new UsageException("the admin key is required: --key or ORCHESTRATOR_ADMIN_KEY");
                var edits = new AgencyEdits(parse.GetValue(name), parse.GetValue(addAlias), parse.GetValue(removeAlias), parse.GetValue(addTitle),
                    parse.GetValue(removeTitle), parse.GetValue(addMember), parse.GetValue(removeMember), parse.GetValue(successor),
                    parse.GetValue(effective), parse.GetValue(basis), parse.GetValue(removeSuccessor), parse.GetValue(focalPoint),
                    parse.GetValue(leadership));
                if ((edits.Successor is null) != (edits.Effective is null))
                    throw new UsageException("--successor and --effective go together (the successor takes over on that day)");
                return new AgencyCommandOptions(positional[0], positional.Skip(1).ToList(), baseUri, adminKey,
                    parse.GetValue(who) ?? "cli:" + (Environment.GetEnvironmentVariable("USER") ?? "unknown"),
                    parse.GetValue(reason), parse.GetValue(search), parse.GetValue(kind), parse.GetValue(json), parse.GetValue(output),
                    edits.Any ? edits : null);
            },
            (options, c, ct) => RunAsync(options, c.Out, c.Error, ct, c.HttpHandler));
    }

    public static async Task<int> RunAsync(AgencyCommandOptions o, TextWriter stdout, TextWriter stderr, CancellationToken ct,
        HttpMessageHandler? handler = null)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = o.Url;
        http.DefaultRequestHeaders.Add("x-functions-key", o.Key);
        http.DefaultRequestHeaders.Add("x-operator", o.Operator);
        try
        {
            return o.Action switch
            {
                "list" => await ListAsync(http, o, stdout, ct),
                "show" => await ShowAsync(http, o, stdout, ct),
                "add" => await AddAsync(http, o, stdout, ct),
                "edit" => await EditAsync(http, o, stdout, ct),
                "export" => await ExportAsync(http, o, stdout, ct),
                _ => await ImportAsync(http, o, stdout, ct),
            };
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"agencies {o.Action}: {e.Message}");
            stderr.WriteLine("Run 'orchestrator agencies --help' for its usage.");
            return 1;
        }
        catch (ApiException e)
        {
            stderr.WriteLine($"agencies {o.Action}: {e.Message}");
            return 2;
        }
        catch (HttpRequestException e)
        {
            stderr.WriteLine($"agencies {o.Action}: cannot reach {http.BaseAddress}: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> ListAsync(HttpClient http, AgencyCommandOptions o, TextWriter stdout, CancellationToken ct)
    {
        NoArguments(o, 0);
        var query = new List<string>();
        if (o.Search is { } q) query.Add("q=" + Uri.EscapeDataString(q));
        if (o.Kind is { } kind) query.Add("kind=" + Uri.EscapeDataString(kind));
        var list = await SendAsync(http, HttpMethod.Get, "api/admin/agencies" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), null, ct);
        if (o.Json) { stdout.WriteLine(Pretty(list)); return 0; }
        Terminal.WriteTable(stdout, ["CODE", "NAME", "KIND", "TODAY", "FOCAL POINT"],
            list.GetProperty("agencies").EnumerateArray().Select(a => (IReadOnlyList<string?>)
                [Str(a, "code"), Str(a, "name"), Str(a, "kind"), Str(a, "inChargeToday") is { Length: > 0 } s ? "→ " + s : "", Str(a, "focalPoint")]));
        stdout.WriteLine($"{list.GetProperty("count").GetInt32()} agencies.");
        return 0;
    }

    private static async Task<int> ShowAsync(HttpClient http, AgencyCommandOptions o, TextWriter stdout, CancellationToken ct)
    {
        var code = Code(o);
        NoArguments(o, 1);
        var shown = await SendAsync(http, HttpMethod.Get, "api/admin/agencies/" + Uri.EscapeDataString(code), null, ct);
        if (o.Json) { stdout.WriteLine(Pretty(shown)); return 0; }
        var a = shown.GetProperty("agency");
        stdout.WriteLine($"{Str(a, "code")}: {Str(a, "name")} ({Str(a, "kind")})");
        if (Str(shown, "inChargeToday") is var today && today != Str(a, "code")) stdout.WriteLine($"In charge today: {today}");
        Line(stdout, "Aliases", a, "aliases");
        Line(stdout, "Head titles", a, "headTitles");
        Line(stdout, "Members", a, "members");
        if (shown.TryGetProperty("membersToday", out var members) && members.GetArrayLength() > 0)
            stdout.WriteLine($"Members today: {members.GetArrayLength()}");
        if (a.TryGetProperty("contacts", out var c))
            stdout.WriteLine($"Contacts: level 1 {Str(c, "focalPoint")}, level 2 {Str(c, "leadership")}");
        if (a.TryGetProperty("successors", out var links))
            foreach (var link in links.EnumerateArray())
                stdout.WriteLine($"Successor: {Str(link, "successor")} from {Str(link, "effective")}{(Str(link, "basis") is { Length: > 0 } b ? $" ({b})" : "")}");
        return 0;
    }

    private static async Task<int> AddAsync(HttpClient http, AgencyCommandOptions o, TextWriter stdout, CancellationToken ct)
    {
        if (o.Arguments.Count != 1) throw new ArgumentException("add takes one file: the agency as JSON");
        var agency = ReadJson(o.Arguments[0]);
        var added = await SendAsync(http, HttpMethod.Post, "api/admin/agencies", new JsonObject { ["reason"] = Reason(o), ["agency"] = agency }, ct);
        stdout.WriteLine($"added {Str(added.GetProperty("agency"), "code")}: {Str(added.GetProperty("agency"), "name")}");
        return 0;
    }

    private static async Task<int> EditAsync(HttpClient http, AgencyCommandOptions o, TextWriter stdout, CancellationToken ct)
    {
        var code = Code(o);
        var reason = Reason(o);
        if (o.Arguments.Count > 2) throw new ArgumentException("edit takes a code and at most one file");
        if ((o.Arguments.Count == 2) == (o.Edits is not null)) throw new ArgumentException("edit takes a file or field options (--add-alias, ...), one of them");
        var path = "api/admin/agencies/" + Uri.EscapeDataString(code);
        var shown = await SendAsync(http, HttpMethod.Get, path, null, ct);
        var agency = o.Arguments.Count == 2 ? ReadJson(o.Arguments[1]) : JsonNode.Parse(shown.GetProperty("agency").GetRawText())!.AsObject();
        if (o.Edits is { } edits) Apply(agency, edits);
        var saved = await SendAsync(http, HttpMethod.Put, path, new JsonObject { ["reason"] = reason, ["agency"] = agency }, ct,
            ifMatch: shown.GetProperty("etag").GetString());
        stdout.WriteLine($"edited {code}; in charge today: {Str(saved, "inChargeToday")}");
        return 0;
    }

    private static async Task<int> ExportAsync(HttpClient http, AgencyCommandOptions o, TextWriter stdout, CancellationToken ct)
    {
        NoArguments(o, 0);
        var file = Pretty(await SendAsync(http, HttpMethod.Get, "api/admin/agency-file", null, ct));
        if (o.Out is null) { stdout.WriteLine(file); return 0; }
        await File.WriteAllTextAsync(o.Out, file + Environment.NewLine, ct);
        stdout.WriteLine($"wrote {o.Out}");
        return 0;
    }

    private static async Task<int> ImportAsync(HttpClient http, AgencyCommandOptions o, TextWriter stdout, CancellationToken ct)
    {
        if (o.Arguments.Count != 1) throw new ArgumentException("import takes one file: {\"agencies\": [...]}, as export writes it");
        var file = ReadJson(o.Arguments[0]);
        file["reason"] = Reason(o);
        var result = await SendAsync(http, HttpMethod.Post, "api/admin/agency-file", file, ct);
        stdout.WriteLine($"imported: {Str(result, "added")} added, {Str(result, "replaced")} replaced, {Str(result, "unchanged")} unchanged; " +
                         $"{Str(result, "total")} agencies in the directory");
        return 0;
    }

    /// <summary>Applies field edits to the agency's JSON (the API validates the result).</summary>
    internal static void Apply(JsonObject agency, AgencyEdits e)
    {
        if (e.Name is { } name) agency["name"] = name;
        Edit(agency, "aliases", e.AddAlias, e.RemoveAlias);
        Edit(agency, "headTitles", e.AddTitle, e.RemoveTitle);
        Edit(agency, "members", e.AddMember, e.RemoveMember);
        if (e.RemoveSuccessor is { } gone)
        {
            var links = List(agency, "successors");
            foreach (var link in links.Where(l => (string?)l?["successor"] == gone).ToList()) links.Remove(link);
        }
        if (e.Successor is { } successor)
        {
            var link = new JsonObject { ["successor"] = successor, ["effective"] = e.Effective!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            if (e.Basis is { } basis) link["basis"] = basis;
            List(agency, "successors").Add(link);
        }
        if (e.FocalPoint is not null || e.Leadership is not null)
        {
            var contacts = agency["contacts"] as JsonObject ?? new JsonObject();
            if (e.FocalPoint is { } focal) contacts["focalPoint"] = focal;
            if (e.Leadership is { } leadership) contacts["leadership"] = leadership;
            agency["contacts"] = contacts;
        }
    }

    private static void Edit(JsonObject agency, string field, string? add, string? remove)
    {
        if (add is null && remove is null) return;
        var list = List(agency, field);
        if (remove is not null)
        {
            var found = list.FirstOrDefault(x => (string?)x == remove) ?? throw new ArgumentException($"\"{remove}\" is not in {field}");
            list.Remove(found);
        }
        if (add is not null) list.Add(add);
    }

    private static JsonArray List(JsonObject agency, string field) =>
        agency[field] as JsonArray ?? (JsonArray)(agency[field] = new JsonArray());

    private static JsonObject ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new ArgumentException($"{path}: a JSON object was expected");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ArgumentException($"cannot read \"{path}\": {e.Message}", e);
        }
    }

    private static string Code(AgencyCommandOptions o) =>
        o.Arguments.Count > 0 ? o.Arguments[0] : throw new ArgumentException($"{o.Action} takes an agency code");

    private static string Reason(AgencyCommandOptions o) =>
        string.IsNullOrWhiteSpace(o.Reason) ? throw new ArgumentException("--reason is required (it is written to the audit table)") : o.Reason;

    private static void NoArguments(AgencyCommandOptions o, int allowed)
    {
        if (o.Arguments.Count > allowed) throw new ArgumentException($"unexpected argument \"{o.Arguments[allowed]}\"");
    }

    private static void Line(TextWriter stdout, string label, JsonElement a, string field)
    {
        if (a.TryGetProperty(field, out var values) && values.GetArrayLength() > 0)
            stdout.WriteLine($"{label}: {string.Join("; ", values.EnumerateArray().Select(v => v.GetString()))}");
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, JsonNode? body, CancellationToken ct,
        string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
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

    private static string Pretty(JsonElement e) => JsonSerializer.Serialize(e, CliOptions.JsonFormat);

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "";

    private sealed class ApiException(string message) : Exception(message);
}
