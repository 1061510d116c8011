using System.Text.Json.Serialization;

namespace Orchestrator.Domain.Agencies;

[JsonConverter(typeof(JsonStringEnumConverter<AgencyKind>))]
public enum AgencyKind
{
    [JsonStringEnumMemberName("agency")] Agency,
    /// <summary>A named set of agencies ("các Hội đồng điều phối vùng"); a lead group expands to one item per member.</summary>
    [JsonStringEnumMemberName("group")] Group,
    /// <summary>A description such as "các Bộ, cơ quan liên quan": fine as a coordinator, never as a lead,
    /// and nobody to send mail to.</summary>
    [JsonStringEnumMemberName("descriptive")] Descriptive,
}

/// <summary>An agency as kept in the directory (stored; seeded from Agencies/Data/agencies.json).</summary>
public sealed record Agency
{
    /// <summary>Stable code, e.g. "BKHDT"; never reused for another agency.</summary>
    public required string Code { get; init; }
    /// <summary>The official Vietnamese name.</summary>
    public required string Name { get; init; }
    public AgencyKind Kind { get; init; } = AgencyKind.Agency;
    /// <summary>Other ways documents write it ("Bộ KH&amp;ĐT").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Titles of the person at its head ("Bộ trưởng", "Chủ tịch"): a lead written as a title
    /// followed by a name or alias ("Bộ trưởng Bộ Giao thông vận tải") resolves to this agency.</summary>
    public IReadOnlyList<string> HeadTitles { get; init; } = [];
    /// <summary>For a group: member codes, in the order their items are labelled. A group led on a
    /// date fans out to the members that exist then (not yet superseded by a successor link).</summary>
    public IReadOnlyList<string> Members { get; init; } = [];
    /// <summary>For a group member: the suffix its expanded items carry ("3.a" → "3.a.DBSH").</summary>
    public string? LabelSuffix { get; init; }
    public AgencyContacts? Contacts { get; init; }
    /// <summary>Default successor links; the agency in charge on a date follows every link
    /// effective on or before it.</summary>
    public IReadOnlyList<SuccessorLink> Successors { get; init; } = [];
}

/// <summary>Escalation contacts: level 1 goes to the focal point, level 2 to the leadership;
/// level 3 goes to the tracking office's focal point. The seed file has placeholders on example.org;
/// a deployment's stored directory holds the office's real addresses.</summary>
public sealed record AgencyContacts(string FocalPoint, string Leadership);

/// <summary>From <see cref="Effective"/> on, <see cref="Successor"/> owes this agency's tasks.</summary>
public sealed record SuccessorLink(string Successor, DateOnly Effective, string? Basis = null);
