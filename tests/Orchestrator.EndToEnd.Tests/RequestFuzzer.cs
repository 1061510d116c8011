using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>One generated request: what to send, and how it was broken (for the failure message).</summary>
internal sealed class FuzzRequest
{
    public HttpMethod Method { get; set; } = HttpMethod.Get;
    /// <summary>Path segments, each already percent-encoded (so a mutation can put any bytes in one).</summary>
    public List<string> Segments { get; } = [];
    public List<int> VariableSegments { get; } = [];
    public List<KeyValuePair<string, string>> Query { get; } = [];
    public JsonNode? Json { get; set; }
    public List<KeyValuePair<string, string>>? Form { get; set; }
    /// <summary>Set by body mutations: the bytes to send instead of <see cref="Json"/> or <see cref="Form"/>.</summary>
    public byte[]? RawBody { get; set; }
    public string? ContentType { get; set; }
    public string? Key { get; set; }
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public List<string> Mutations { get; } = [];

    public string PathAndQuery => "/" + string.Join('/', Segments)
        + (Query.Count == 0 ? "" : "?" + string.Join('&', Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Escape(p.Value))));

    /// <summary>Values that start with "raw:" go as written (Uri.EscapeDataString cannot write a lone surrogate).</summary>
    private static string Escape(string value) => value.StartsWith("raw:", StringComparison.Ordinal) ? value[4..] : Uri.EscapeDataString(value);

    public HttpRequestMessage Build()
    {
        var request = new HttpRequestMessage(Method, PathAndQuery);
        var body = RawBody ?? (Json is not null ? Encoding.UTF8.GetBytes(RequestFuzzer.Serialize(Json))
            : Form is not null ? new FormUrlEncodedContent(Form).ReadAsByteArrayAsync().Result : null);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            var type = ContentType ?? (Form is not null ? "application/x-www-form-urlencoded" : "application/json");
            if (type.Length > 0) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        if (Key is not null) request.Headers.TryAddWithoutValidation("x-functions-key", Key);
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    public int BodyLength => RawBody?.Length ?? 0;

    public string Describe()
    {
        var body = RawBody?.Length ?? (Json is not null ? RequestFuzzer.Serialize(Json).Length : Form?.Sum(f => f.Key.Length + f.Value.Length) ?? 0);
        var path = PathAndQuery;
        return $"{Method} {(path.Length > 160 ? path[..160] + "…" : path)} [{string.Join("; ", Mutations)}] body {body} B";
    }
}

/// <summary>
/// Makes valid requests of every route (right keys, real ids, well-formed bodies) and breaks each in
/// one to three ways: odd path segments, bad query values, broken or hostile JSON, hostile forms,
/// wrong content types, missing or wrong keys, long headers.
/// </summary>
internal sealed class RequestFuzzer(string directiveJson, string directiveId, string[] labels, string[] linkTokens)
{
    /// <summary>Stands for an escaped lone surrogate, which JsonNode cannot hold: replaced when serialised.</summary>
    private const string LoneSurrogate = "\u0001LONE-SURROGATE\u0001";
    private static readonly string Huge = new('x', 40_000);
    private static readonly string HugeVietnamese = string.Concat(Enumerable.Repeat("Đường ", 8_000));

    public static string Serialize(JsonNode json) => json.ToJsonString().Replace(JsonValue.Create(LoneSurrogate)!.ToJsonString()[1..^1], "\\ud800");

    private static readonly string[] OddSegments =
    [
        "", "%20", "..", ".", "%00", "%2F", "a%2Fb", "1%3A2", "%3Cb%3E1%3C%2Fb%3E", "%C0%AF", "%ED%A0%80", "%FF", "1%0A", "%0D%0A",
        "%E2%80%AE", "%C4%90", "2.%C4%91", "a.", "a..b", "-", "_", "%25", "%23", "%3F", new string('a', 3000), "%F0%9F%98%80",
        "2023-6411-VPCP-KTTH", "9999-1-A", "%20trailing", "a%2Cb",
    ];

    private static readonly string[] QueryNames =
    [
        "secondsPerDay", "rebaseTo", "dueWithinDays", "category", "overdue", "directive", "label", "agency", "limit", "createdFrom",
        "createdTo", "continuation", "status", "date", "prefix", "instanceIdPrefix", "instanceId", "bulkId", "dryRun", "reason",
    ];

    private static readonly string[] BadQueryValues =
    [
        "", " ", "Infinity", "-Infinity", "NaN", "1e300", "-1e300", "1e-300", "-1", "0", "2147483648", "99999999999999999999",
        "9999-12-31", "0001-01-01", "2026-02-30", "yesterday", "true,false", "\u0000", "a\nb", "raw:%ED%A0%80", "raw:%C0%AF", "raw:%zz", new string('x', 5000), "%zz", "<b>",
        "1:2", "Đ", "2026-01-05T00:00:00Z", "00000000-0000-0000-0000-000000000000", "x".PadRight(301, 'x'),
    ];

    private static JsonNode?[] BadJsonValues() =>
    [
        Huge, HugeVietnamese, "a\u0000b", "\u0007", "line\r\nbreak", LoneSurrogate, "", " ", "9999-12-31", "0001-01-01", "2026-02-30",
        "1:2", "1/2", "<b>1</b>", -1, 0, 1_000_000, 2147483648L, 1e300, -1e300, true, null, new JsonArray(), new JsonObject(),
        new JsonArray(1, "x", null), "Infinity", "NaN",
    ];

    private static readonly string[] AdminActions = ["rewind", "restart", "terminate", "suspend", "resume", "raise", "purge", "explode", ""];

    public FuzzRequest Next(Random r)
    {
        var request = BaseRequest(r);
        var mutations = 1 + r.Next(3);
        for (var i = 0; i < mutations; i++) Mutate(request, r);
        return request;
    }

    private FuzzRequest BaseRequest(Random r)
    {
        var req = new FuzzRequest { Key = TestHost.ApiKey };
        var label = Uri.EscapeDataString(labels[r.Next(labels.Length)]);
        var directive = Uri.EscapeDataString(directiveId);
        var instance = Uri.EscapeDataString($"{directiveId}:{labels[r.Next(labels.Length)]}");
        void Path(params string[] segments)
        {
            foreach (var s in segments)
            {
                if (s.StartsWith('{')) req.VariableSegments.Add(req.Segments.Count);
                req.Segments.Add(s.StartsWith('{') ? s[1..] : s);
            }
        }
        void Query(string name, string value) => req.Query.Add(new(name, value));
        string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        switch (r.Next(20))
        {
            case 0: Path("health"); req.Key = null; break;
            case 1:
                Path("api", "directives"); req.Method = HttpMethod.Post; req.Json = JsonNode.Parse(directiveJson);
                if (r.Next(2) == 0) Query("secondsPerDay", "0.5");
                if (r.Next(3) == 0)
                    req.Json = new JsonObject
                    {
                        ["directive"] = req.Json,
                        ["escalationPolicy"] = new JsonObject { ["level3MaxRepeats"] = 3, ["level3RepeatEveryDays"] = 14, ["fireAtLocal"] = "08:00:00" },
                    };
                break;
            case 2: Path("api", "directives", "{" + directive); break;
            case 3:
                Path("api", "items"); Query("directive", directiveId); Query("agency", "BTC"); Query("category", "overdue");
                Query("dueWithinDays", "30"); Query("overdue", "false"); break;
            case 4: Path("api", "summary"); Query("directive", directiveId); break;
            case 5: Path("api", "outbox"); Query("directive", directiveId); Query("label", labels[0]); break;
            case 6: Path("api", "items", "{" + directive, "{" + label); break;
            case 7:
                var (verb, body) = r.Next(5) switch
                {
                    0 => ("complete", new JsonObject { ["reportNumber"] = "12/BC-BTC", ["reportDate"] = "2026-02-01", ["note"] = "xong", ["actor"] = "a@b.vn" }),
                    1 => ("progress", new JsonObject { ["note"] = "đang làm", ["actor"] = "a@b.vn" }),
                    2 => ("extension", new JsonObject { ["action"] = "request", ["newDueDate"] = "2027-01-29", ["reason"] = "chờ ý kiến" }),
                    3 => ("withdraw", new JsonObject { ["reason"] = "không còn phù hợp" }),
                    _ => ("transfer", new JsonObject { ["toAgency"] = "BXD", ["reason"] = "chuyển giao" }),
                };
                Path("api", "items", "{" + directive, "{" + label, verb); req.Method = HttpMethod.Post; req.Json = body; break;
            case 8: Path("act", "{" + linkTokens[r.Next(linkTokens.Length)]); req.Key = null; break;
            case 9:
            case 10:
                Path("act", "{" + linkTokens[r.Next(linkTokens.Length)]); req.Key = null; req.Method = HttpMethod.Post;
                req.Form = [new("reportNumber", "12/BC"), new("note", "đã xong"), new("newDueDate", "2027-01-29"), new("reason", "chờ")];
                req.Form = req.Form.Where(_ => r.Next(3) > 0).ToList();
                break;
            case 11: Path("api", "admin", "health"); req.Key = TestHost.AdminKey; break;
            case 12:
                Path("api", "admin", "instances"); req.Key = TestHost.AdminKey;
                Query("status", "Running"); Query("prefix", directiveId); Query("limit", "10"); break;
            case 13: Path("api", "admin", "instances", "{" + instance); req.Key = TestHost.AdminKey; break;
            case 14:
            case 15:
                var action = AdminActions[r.Next(AdminActions.Length)];
                Path("api", "admin", "instances", "{" + instance, "{" + action); req.Key = TestHost.AdminKey; req.Method = HttpMethod.Post;
                req.Json = new JsonObject { ["reason"] = "fuzz" };
                if (action == "raise" && r.Next(2) == 0) { req.Json["eventName"] = "Nudge"; req.Json["eventData"] = new JsonObject { ["x"] = 1 }; }
                else if (action == "raise")
                {
                    req.Json["eventName"] = "ItemEvent";
                    req.Json["eventData"] = new JsonObject
                    {
                        ["eventId"] = $"{r.Next():x8}{r.Next():x8}", ["kind"] = "progressReported", ["actor"] = "ops@vpcp.vn",
                        ["atUtc"] = "2026-01-06T01:00:00Z", ["note"] = "ghi chú", ["reason"] = "lý do", ["reportNumber"] = "1/BC",
                    };
                }
                break;
            case 16:
            case 17:
                // Always a dry run: the query keeps dryRun=true, and no mutation sets it to false.
                Path("api", "admin", "bulk", "{" + AdminActions[r.Next(AdminActions.Length)]); req.Key = TestHost.AdminKey;
                req.Method = HttpMethod.Post; Query("dryRun", "true");
                req.Json = new JsonObject { ["reason"] = "fuzz", ["instanceIdPrefix"] = directiveId, ["status"] = "Running", ["limit"] = 10 };
                break;
            default:
                Path("api", "admin", "audit"); req.Key = TestHost.AdminKey; Query("date", Today()); Query("instanceId", $"{directiveId}:1");
                break;
        }
        return req;
    }

    private static void Mutate(FuzzRequest req, Random r)
    {
        switch (r.Next(10))
        {
            case 0 when req.VariableSegments.Count > 0:
            {
                var at = req.VariableSegments[r.Next(req.VariableSegments.Count)];
                var odd = OddSegments[r.Next(OddSegments.Length)];
                // An empty segment changes the route itself: keep it, it is a request like any other.
                req.Segments[at] = odd;
                req.Mutations.Add($"segment {at} = {Short(odd)}");
                break;
            }
            case 1:
            case 2:
            {
                var name = QueryNames[r.Next(QueryNames.Length)];
                var value = BadQueryValues[r.Next(BadQueryValues.Length)];
                var existing = req.Query.FindIndex(p => p.Key == name);
                if (existing >= 0 && r.Next(2) == 0) req.Query[existing] = new(name, value);
                else req.Query.Add(new(name, value));
                req.Mutations.Add($"query {name}={Short(value)}");
                break;
            }
            case 3 when req.Json is not null:
            case 4 when req.Json is not null:
                MutateJson(req, r);
                break;
            case 3 when req.Form is not null:
            case 4 when req.Form is not null:
                MutateForm(req, r);
                break;
            case 5:
                MutateBody(req, r);
                break;
            case 6:
            {
                var (key, what) = r.Next(4) switch
                {
                    0 => (null, "no key"),
                    1 => ("wrong-key", "wrong key"),
                    2 => (TestHost.ApiKey, "api key"),
                    _ => (TestHost.AdminKey, "admin key"),
                };
                req.Key = key;
                req.Mutations.Add(what);
                break;
            }
            case 7:
            {
                var (name, value) = r.Next(3) switch
                {
                    0 => ("x-actor", new string('a', 1 + r.Next(9000))),
                    1 => ("x-operator", new string('o', 1 + r.Next(9000))),
                    _ => ("x-actor", "Nguyen%20Van%00A"),
                };
                req.Headers.Add(new(name, value));
                req.Mutations.Add($"header {name} ({value.Length} chars)");
                break;
            }
            case 8 when r.Next(4) == 0:
                req.Method = req.Method == HttpMethod.Get ? HttpMethod.Post : r.Next(2) == 0 ? HttpMethod.Get : HttpMethod.Put;
                req.Mutations.Add("method " + req.Method);
                break;
            default:
                if (req.Json is not null) MutateJson(req, r);
                else if (req.Form is not null) MutateForm(req, r);
                else goto case 1;
                break;
        }
    }

    /// <summary>A field of the JSON body (anywhere in the tree) set to a hostile value, or an unknown field added, or one removed.</summary>
    private static void MutateJson(FuzzRequest req, Random r)
    {
        var slots = new List<(JsonObject Parent, string Name)>();
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o) foreach (var (name, child) in o.ToList()) { slots.Add((o, name)); Walk(child); }
            else if (node is JsonArray a) foreach (var child in a) Walk(child);
        }
        Walk(req.Json);
        if (slots.Count == 0 || req.Json is not JsonObject root) { MutateBody(req, r); return; }
        var (parent, field) = slots[r.Next(slots.Count)];
        switch (r.Next(6))
        {
            case 0:
                root["rogue" + r.Next(100)] = "x";
                req.Mutations.Add("unknown field");
                break;
            case 1:
                parent.Remove(field);
                req.Mutations.Add($"removed {field}");
                break;
            default:
                var values = BadJsonValues();
                var value = values[r.Next(values.Length)];
                parent[field] = value;
                req.Mutations.Add($"{field} = {Short(value?.ToJsonString() ?? "null")}");
                break;
        }
    }

    private static void MutateForm(FuzzRequest req, Random r)
    {
        var form = req.Form!;
        switch (r.Next(7))
        {
            case 0:
                var count = 17 + r.Next(3000);
                form.AddRange(Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>($"f{i}", "x")));
                req.Mutations.Add($"{count} more form fields");
                break;
            case 1:
                form.Add(new("note", "a\u0000b"));
                req.Mutations.Add("NUL in note");
                break;
            case 2:
                form.Add(new(r.Next(2) == 0 ? "note" : "reason", r.Next(2) == 0 ? Huge : HugeVietnamese));
                req.Mutations.Add("huge form value");
                break;
            case 3:
                form.Add(new("rogue", "x"));
                form.Add(new("note", "again"));
                req.Mutations.Add("unknown and repeated form fields");
                break;
            case 4:
                req.RawBody = Encoding.ASCII.GetBytes("note=%zz&reason=%&=x&&reportNumber=%C0%AF&newDueDate=2026-13-45");
                req.Mutations.Add("bad percent-encoding");
                break;
            default:
                var (body, type, what) = r.Next(5) switch
                {
                    0 => ("--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\ncut short", "multipart/form-data; boundary=b", "truncated multipart"),
                    1 => ("note=x", "multipart/form-data", "multipart without boundary"),
                    2 => ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n",
                        "multipart/form-data; boundary=b", "a file"),
                    3 => ("--" + new string('b', 200) + "\r\n\r\n", "multipart/form-data; boundary=" + new string('b', 200), "long boundary"),
                    _ => ("{\"note\":\"x\"}", "application/json", "JSON to a form"),
                };
                req.RawBody = Encoding.UTF8.GetBytes(body);
                req.ContentType = type;
                req.Mutations.Add(what);
                break;
        }
    }

    /// <summary>The body as a whole: cut short, replaced by junk, another content type, or too large.</summary>
    private static void MutateBody(FuzzRequest req, Random r)
    {
        var current = req.RawBody ?? (req.Json is not null ? Encoding.UTF8.GetBytes(Serialize(req.Json))
            : req.Form is not null ? new FormUrlEncodedContent(req.Form).ReadAsByteArrayAsync().Result : []);
        switch (r.Next(8))
        {
            case 0 when current.Length > 1:
                var cut = r.Next(current.Length);
                req.RawBody = current[..cut];
                req.Mutations.Add($"body cut at {cut}");
                break;
            case 1:
                string[] junk = ["", "null", "[]", "{", "\"text\"", "{\"a\":1,\"a\":2}", "{\"note\":\"\\ud800\\u0000\"}", "{\"note\":\"\\x\"}",
                    new string('[', 5000) + new string(']', 5000), "{\"note\":" + new string('9', 5000) + "}", "\uFEFF{}"];
                var pick = junk[r.Next(junk.Length)];
                req.RawBody = Encoding.UTF8.GetBytes(pick);
                req.Mutations.Add($"body {Short(pick)}");
                break;
            case 2:
                req.RawBody = [.. current.Take(current.Length / 2), 0xC0, 0xAF, 0xFF, 0xFE, .. current.Skip(current.Length / 2)];
                req.Mutations.Add("invalid UTF-8 in body");
                break;
            case 3:
                req.RawBody = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(current));
                req.ContentType = "application/json; charset=utf-16";
                req.Mutations.Add("UTF-16 body");
                break;
            case 4:
                var random = new byte[r.Next(1, 4096)];
                r.NextBytes(random);
                req.RawBody = random;
                req.Mutations.Add($"{random.Length} random bytes");
                break;
            case 5:
                req.RawBody = current;
                string[] types = ["text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded", "", "application/json; charset=latin1", "*/*"];
                req.ContentType = types[r.Next(types.Length)];
                req.Mutations.Add($"content type '{req.ContentType}'");
                break;
            case 6 when req.Method != HttpMethod.Get:
                req.RawBody = new byte[2 * 1024 * 1024 + r.Next(1000)];
                Array.Fill(req.RawBody, (byte)'a');
                req.Mutations.Add("2 MB body");
                break;
            default:
                req.RawBody = [];
                req.Mutations.Add("empty body");
                break;
        }
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + $"…({text.Length})";
}
