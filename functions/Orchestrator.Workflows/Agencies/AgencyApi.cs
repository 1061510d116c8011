using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Agencies;

/// <summary>
/// The agency directory as the office manages it (admin key): list, show, add, edit, export and
/// import. Agencies are never deleted (a code is never reused); one that ceases gets a successor
/// link. Every change is validated as a whole against the directory it joins, written to the
/// table, audited, and then reloaded into this instance's directory.
/// </summary>
public sealed class AgencyApi(AgencyStore store, StoredDirectory stored, AuditStore audit, JsonBody body, TimeProvider clock)
{
    public const string AuditPrefix = "agency:";

    /// <summary>GET api/admin/agencies?q=&amp;kind=: every stored agency, or those whose names contain q.</summary>
    public async Task<IResult> ListAsync(HttpRequest request)
    {
        var problems = new List<FieldError>();
        var q = request.Query["q"].ToString();
        RequestLimits.Check(problems, "q", q, RequestLimits.QueryValue);
        AgencyKind? kind = null;
        if (request.Query["kind"].ToString() is { Length: > 0 } k)
        {
            if (Enum.TryParse<AgencyKind>(k, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) kind = parsed;
            else problems.Add(new("kind", "agency, group or descriptive"));
        }
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var all = await store.ReadAllAsync(request.HttpContext.RequestAborted);
        var directory = new AgencyDirectory(all);
        var today = Today();
        var folded = TextNormalizer.Fold(q);
        var rows = all
            .Where(a => kind is null || a.Kind == kind)
            .Where(a => folded.Length == 0 || a.Aliases.Prepend(a.Name).Append(a.Code).Any(n => TextNormalizer.Fold(n).Contains(folded, StringComparison.Ordinal)))
            .OrderBy(a => a.Code, StringComparer.Ordinal)
            .Select(a =>
            {
                var inCharge = a.Kind == AgencyKind.Agency ? directory.InChargeOn(a.Code, today).Code : null;
                return new AgencyRow(a.Code, a.Name, a.Kind, inCharge == a.Code ? null : inCharge, a.Aliases.Count, a.Members.Count,
                    a.Contacts?.FocalPoint, a.Contacts?.Leadership);
            }).ToList();
        return ApiResults.Json(new AgencyListResponse(rows.Count, rows));
    }

    /// <summary>GET api/admin/agencies/{code}</summary>
    public async Task<IResult> GetAsync(string code, CancellationToken ct = default)
    {
        if (InvalidCode(code) is { } invalid) return invalid;
        var found = await DescribeAsync(code, ct);
        return found is null ? ApiResults.NotFound($"No agency '{code}' in the directory.") : ApiResults.Json(found);
    }

    /// <summary>The stored agency with its ETag, who owes its work today and its members today.</summary>
    private async Task<AgencyResponse?> DescribeAsync(string code, CancellationToken ct = default)
    {
        var found = await store.FindAsync(code, ct);
        if (found is null) return null;
        var directory = new AgencyDirectory(await store.ReadAllAsync(ct));
        var today = Today();
        var agency = found.Agency;
        return new AgencyResponse(agency, found.ETag.ToString(), directory.InChargeOn(agency.Code, today).Code,
            agency.Kind == AgencyKind.Group ? directory.Expand(agency, today).Select(m => m.Code).ToList() : []);
    }

    /// <summary>POST api/admin/agencies with {agency, reason}: a new code.</summary>
    public async Task<IResult> AddAsync(HttpRequest request)
    {
        var (change, error) = await ReadChangeAsync(request);
        if (error is not null) return error;
        var agency = change!.Agency;
        var problems = new List<FieldError>();
        var others = await store.ReadAllAsync(request.HttpContext.RequestAborted);
        if (others.Any(a => string.Equals(a.Code, agency.Code, StringComparison.OrdinalIgnoreCase)))
            problems.Add(new("agency.code", $"a new code; \"{agency.Code}\" is taken (edit it with PUT api/admin/agencies/{agency.Code})"));
        else AgencyRules.CheckInDirectory(problems, [("agency.", agency)], others);
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        if (!await store.AddAsync(agency, request.HttpContext.RequestAborted))
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", $"Agency '{agency.Code}' was added meanwhile.");
        await AuditAsync(request, "agency-add", agency.Code, change.Reason!, null, agency);
        await stored.ReloadAsync();
        return ApiResults.Json((await DescribeAsync(agency.Code))!, StatusCodes.Status201Created);
    }

    /// <summary>PUT api/admin/agencies/{code} with {agency, reason}: the whole agency replaced (If-Match: its ETag, optional).</summary>
    public async Task<IResult> EditAsync(HttpRequest request, string code)
    {
        if (InvalidCode(code) is { } invalid) return invalid;
        var (change, error) = await ReadChangeAsync(request);
        if (error is not null) return error;
        var agency = change!.Agency;
        if (!string.Equals(agency.Code, code, StringComparison.Ordinal))
            return ApiResults.BadRequest([new("agency.code", $"the code of the route, \"{code}\" (a code never changes)")]);
        var ct = request.HttpContext.RequestAborted;
        var current = await store.FindAsync(code, ct);
        if (current is null) return ApiResults.NotFound($"No agency '{code}' in the directory (add it with POST api/admin/agencies).");
        var etag = request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch ? new ETag(ifMatch) : current.ETag;

        var problems = new List<FieldError>();
        var all = await store.ReadAllAsync(ct);
        AgencyRules.CheckInDirectory(problems, [("agency.", agency)], all.Where(a => !string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase)));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);
        if (!await store.ReplaceAsync(agency, etag, ct))
            return ApiResults.Problem(StatusCodes.Status412PreconditionFailed, "Changed meanwhile",
                $"Agency '{code}' was changed since it was read: read it again (its ETag changed) and repeat the edit.");
        await AuditAsync(request, "agency-edit", code, change.Reason!, current.Agency, agency);
        await stored.ReloadAsync();
        return ApiResults.Json((await DescribeAsync(code))!);
    }

    /// <summary>GET api/admin/agencies/export: the directory file ({source, agencies}), importable as it is.</summary>
    public async Task<IResult> ExportAsync(CancellationToken ct = default)
    {
        var all = (await store.ReadAllAsync(ct)).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        return ApiResults.Json(new AgencyFile(all, $"Exported {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC"));
    }

    /// <summary>POST api/admin/agencies/import with the directory file and a reason: adds new codes,
    /// replaces the others given; codes not in the file stay as they are.</summary>
    public async Task<IResult> ImportAsync(HttpRequest request)
    {
        var (file, error) = await body.ReadAsync<AgencyFile>(request);
        if (error is not null) return error;
        // The reason comes from the JSON body only: a query reason let a body-less (cross-site) post act.
        var reason = Blank(file!.Reason);
        var problems = new List<FieldError>();
        CheckReason(problems, reason);
        if (file.Agencies is null || file.Agencies.Count == 0) problems.Add(new("agencies", "at least one agency"));
        else if (file.Agencies.Count > AgencyRules.MaxAgencies) problems.Add(new("agencies", $"at most {AgencyRules.MaxAgencies} agencies"));
        else
        {
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < file.Agencies.Count; i++)
            {
                AgencyRules.Check(problems, $"agencies[{i}].", file.Agencies[i]);
                if (file.Agencies[i]?.Code is { } c && !seen.TryAdd(c, i))
                    problems.Add(new($"agencies[{i}].code", $"each code once; \"{c}\" is also agencies[{seen[c]}]"));
            }
        }
        RequestLimits.Check(problems, "source", file.Source, DirectiveLimits.Reason, multiline: true);
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var ct = request.HttpContext.RequestAborted;
        var existing = (await store.ReadAllAsync(ct)).ToDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase);
        var incoming = file.Agencies!.Select((a, i) => ($"agencies[{i}].", a)).ToList();
        var codes = file.Agencies!.Select(a => a.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        AgencyRules.CheckInDirectory(problems, incoming, existing.Values.Where(a => !codes.Contains(a.Code)));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var changed = file.Agencies!.Where(a => !existing.TryGetValue(a.Code, out var before) || Json(before) != Json(a)).ToList();
        var added = changed.Count(a => !existing.ContainsKey(a.Code));
        var result = new AgencyImportResponse(added, changed.Count - added, file.Agencies!.Count - changed.Count, existing.Count + added);
        if (changed.Count > 0) await store.UpsertAllAsync(changed, ct);
        await audit.WriteAsync(AdminCaller.Of(request.HttpContext), "agency-import", AuditPrefix + "*", reason!,
            $"ok: {result.Added} added, {result.Replaced} replaced, {result.Unchanged} unchanged",
            detail: Cap(string.Join(", ", changed.Select(a => a.Code))));
        await stored.ReloadAsync();
        return ApiResults.Json(result);
    }

    private async Task<(AgencyChangeRequest? Change, IResult? Error)> ReadChangeAsync(HttpRequest request)
    {
        var (change, error) = await body.ReadAsync<AgencyChangeRequest>(request);
        if (error is not null) return (null, error);
        // The reason comes from the JSON body only: a query reason let a body-less (cross-site) post act.
        var reason = Blank(change!.Reason);
        var problems = new List<FieldError>();
        CheckReason(problems, reason);
        AgencyRules.Check(problems, "agency.", change.Agency);
        return problems.Count > 0 ? (null, ApiResults.BadRequest(problems)) : (change with { Reason = reason }, null);
    }

    private static void CheckReason(List<FieldError> problems, string? reason)
    {
        if (reason is null) problems.Add(new("reason", "say why (it is written to the audit table)"));
        else RequestLimits.Check(problems, "reason", reason, RequestLimits.Reason, multiline: true);
    }

    private Task AuditAsync(HttpRequest request, string action, string code, string reason, Agency? before, Agency after) =>
        audit.WriteAsync(AdminCaller.Of(request.HttpContext), action, AuditPrefix + code, reason, "ok",
            detail: Cap(JsonSerializer.Serialize(new { before, after }, WorkflowJson.Options)));

    /// <summary>A Table Storage string holds 32K characters; the audit keeps the start of a long one.</summary>
    private static string Cap(string text) => text.Length <= 30_000 ? text : text[..30_000] + "…";

    private static string Json(Agency a) => JsonSerializer.Serialize(a, WorkflowJson.Options);

    private static IResult? InvalidCode(string code) =>
        IdGrammar.IsCode(code) ? null : ApiResults.BadRequest([new("code", IdGrammar.CodeExpected)]);

    private DateOnly Today() => VietnamTime.Today(clock.GetUtcNow());

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
