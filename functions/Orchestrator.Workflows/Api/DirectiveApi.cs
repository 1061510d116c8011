using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Api;

/// <summary>POST /api/directives (import), GET /api/directives/{id} and GET /api/directives/{id}/import (its progress).</summary>
public sealed class DirectiveApi(DirectiveImporter importer, DirectiveStore directives, ItemQueries queries, ApiOptions options)
{
    /// <summary>The directive format read strictly: an unknown field is named, not ignored.</summary>
    internal static readonly JsonSerializerOptions Strict = new(DirectiveJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        AllowDuplicateProperties = false,
    };

    public async Task<IResult> ImportAsync(DurableTaskClient durable, HttpRequest request)
    {
        var problems = new List<FieldError>();
        DateOnly? rebaseTo = null;
        if (request.Query["rebaseTo"].FirstOrDefault() is { Length: > 0 } rebase)
        {
            if (DateOnly.TryParseExact(rebase, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) rebaseTo = d;
            else problems.Add(new("rebaseTo", "a date YYYY-MM-DD"));
        }
        double? secondsPerDay = null;
        if (request.Query["secondsPerDay"].FirstOrDefault() is { Length: > 0 } spd)
        {
            if (double.TryParse(spd, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)) secondsPerDay = s;
            else problems.Add(new("secondsPerDay", "a number of seconds that one day of the plan lasts"));
        }
        problems.AddRange(DirectiveImporter.CheckOptions(new ImportOptions(rebaseTo, secondsPerDay)));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var body = await JsonBody.ReadTextAsync(request, options.MaxBodyBytes);
        if (body.Error is not null) return body.Error;

        // Either the directive document itself, or {"directive": ..., "escalationPolicy": ...}
        // to override the configured policy for this directive.
        Directive? directive;
        EscalationPolicy? policy = null;
        try
        {
            var root = JsonNode.Parse(body.Text!, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, AllowDuplicateProperties = false });
            if (root is JsonObject wrapper && wrapper.ContainsKey("directive"))
            {
                foreach (var key in wrapper.Select(p => p.Key).Where(k => k is not ("directive" or "escalationPolicy")))
                    problems.Add(new(key, "not a field of an import request: expected \"directive\" and optionally \"escalationPolicy\""));
                directive = wrapper["directive"].Deserialize<Directive>(Strict);
                policy = wrapper["escalationPolicy"]?.Deserialize<EscalationPolicy>(Strict);
            }
            else directive = root.Deserialize<Directive>(Strict);
        }
        catch (JsonException e)
        {
            return ApiResults.BadRequest([new FieldError(e.Path ?? "$", JsonBody.Describe(e, typeof(Directive)))]);
        }
        catch (InvalidOperationException e) when (JsonBody.IsInvalidText(e))
        {
            // A node read from the body holds a "\ud800" escape: it cannot become a string.
            return ApiResults.BadRequest([new FieldError("$", JsonBody.InvalidTextMessage)]);
        }
        if (directive is null) problems.Add(new("$", "a directive document (JSON object) was expected"));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var result = await importer.ImportAsync(durable, directive!, new ImportOptions(rebaseTo, secondsPerDay, policy));
        return result.Outcome switch
        {
            ImportOutcome.Created or ImportOutcome.AlreadyImported when result.InBackground => Accepted(result),
            ImportOutcome.Invalid => ApiResults.BadRequest(result.Problems),
            ImportOutcome.Changed => ApiResults.Problem(StatusCodes.Status409Conflict, "The directive was already imported with other content",
                "A directive with this number, code and year is already tracked and the posted document differs from it. " +
                "Amending a directive is not supported: " + string.Join("; ", result.Differences),
                extensions: new Dictionary<string, object?> { ["directiveId"] = result.DirectiveId, ["differences"] = result.Differences }),
            ImportOutcome.AlreadyImported => ApiResults.Json(new ImportResponse(result.DirectiveId, AlreadyImported: true, result.Items,
                Message: result.Items.Any(i => i.StartedNow)
                    ? "This directive was already imported; items that had not been started are started now."
                    : "This directive was already imported: nothing new was started.", Warnings: result.Warnings)),
            _ => ApiResults.Json(new ImportResponse(result.DirectiveId, AlreadyImported: false, result.Items, Warnings: result.Warnings),
                StatusCodes.Status201Created),
        };
    }

    /// <summary>202 with the status URL in Location: the items start in the background.</summary>
    private static IResult Accepted(ImportResult result)
    {
        var statusUrl = Routes.DirectiveImportOf(result.DirectiveId!);
        var again = result.Outcome == ImportOutcome.AlreadyImported;
        var body = new ImportAcceptedResponse(result.DirectiveId!, again, result.ItemCount, statusUrl,
            (again ? "This directive was already imported; its import runs again in the background and starts only items not started. "
                   : "The directive is stored; its items are being started in the background. ") +
            "GET the status URL for progress.");
        return ApiResults.WithLocation(ApiResults.Json(body, StatusCodes.Status202Accepted), statusUrl);
    }

    public async Task<IResult> GetImportStatusAsync(DurableTaskClient durable, string directiveId)
    {
        if (!Items.ItemInstanceId.IsValidDirectiveId(directiveId))
            return ApiResults.BadRequest([new("directiveId", IdGrammar.DirectiveIdExpected)]);
        var record = await directives.GetAsync(directiveId);
        if (record is null) return ApiResults.NotFound($"No directive '{directiveId}' has been imported.");
        return ApiResults.Json(ImportStatus.Of(record, importer.ImmediateMaxItems,
            await durable.GetInstanceAsync(DirectiveImportOrchestrator.InstanceIdFor(directiveId), getInputsAndOutputs: true)));
    }

    public async Task<IResult> GetAsync(string directiveId, HttpRequest request)
    {
        var problems = new List<FieldError>();
        if (!Items.ItemInstanceId.IsValidDirectiveId(directiveId))
            problems.Add(new("directiveId", IdGrammar.DirectiveIdExpected));
        var (pageSize, token) = QueryApi.ReadPaging(request.Query, problems);
        if (problems.Count > 0) return ApiResults.BadRequest(problems);
        var record = await directives.GetAsync(directiveId);
        if (record is null) return ApiResults.NotFound($"No directive '{directiveId}' has been imported.");
        var plan = directives.PlanOf(record);
        return await QueryApi.PagedAsync(() => queries.QueryPageAsync(new ItemFilter(DirectiveId: directiveId), pageSize, token), items =>
            ApiResults.Json(new DirectiveResponse(
            directiveId,
            DocumentNumber: record.DocumentNumber,
            IssueDate: plan.Directive.IssueDate,
            Subject: record.Subject,
            ImportedUtc: record.ImportedUtc,
            ShiftDays: record.ShiftDays,
            SecondsPerDay: record.SecondsPerDay,
            // The policy its items run under (null for a directive imported before it was stored).
            EscalationPolicy: record.EscalationPolicy is { } policy ? PolicyJson.Read(policy) : null,
            EscalationPolicyFromRequest: record.PolicyFromRequest,
            Standing: plan.Standing.Select(s => new StandingRequirement(s.Label, s.Text)).ToList(),
            Items: items.Items,
            ContinuationToken: items.ContinuationToken)));
    }
}
