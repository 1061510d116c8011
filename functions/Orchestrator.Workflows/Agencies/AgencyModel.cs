using System.Text.Json.Serialization;
using Orchestrator.Domain.Agencies;

namespace Orchestrator.Workflows.Agencies;

/// <summary>Body of add and edit: the whole agency, and why (written to the audit table; or <c>?reason=</c>).</summary>
public sealed record AgencyChangeRequest(Agency Agency, string? Reason = null);

/// <summary>The directory file: what export gives and import takes (the seed file's shape), plus why for an import.</summary>
public sealed record AgencyFile(IReadOnlyList<Agency> Agencies, string? Source = null, string? Reason = null);

/// <summary>A row of the directory listing.</summary>
public sealed record AgencyRow(string Code, string Name, AgencyKind Kind, string? InChargeToday, int Aliases, int Members,
    string? FocalPoint, string? Leadership);

public sealed record AgencyListResponse(int Count, IReadOnlyList<AgencyRow> Agencies);

/// <summary>One agency as stored, with the ETag to send as If-Match on an edit, who owes its work
/// today and, for a group, its members today.</summary>
public sealed record AgencyResponse(Agency Agency, [property: JsonPropertyName("etag")] string ETag, string InChargeToday, IReadOnlyList<string> MembersToday);

public sealed record AgencyImportResponse(int Added, int Replaced, int Unchanged, int Total);
