using System.Net.Mail;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Workflows.Agencies;

/// <summary>
/// What an agency written through the admin API must be, each problem naming its field
/// (<c>agency.aliases[2]</c>, <c>agencies[5].contacts.focalPoint</c>): first each agency alone,
/// then against the directory it would join (names taken by another agency, unknown codes, cycles).
/// </summary>
public static class AgencyRules
{
    public const int MaxAgencies = 5000;

    public static void Check(List<FieldError> problems, string prefix, Agency? a)
    {
        if (a is null) { problems.Add(new(prefix.TrimEnd('.'), "an agency {code, name, kind, ...}")); return; }
        if (!IdGrammar.IsCode(a.Code)) problems.Add(new(prefix + "code", IdGrammar.CodeExpected));
        if (string.IsNullOrWhiteSpace(a.Name)) problems.Add(new(prefix + "name", "the official name, e.g. \"Bộ Tài chính\""));
        else RequestLimits.Check(problems, prefix + "name", a.Name, DirectiveLimits.Name);
        Texts(problems, prefix + "aliases", a.Aliases);
        Texts(problems, prefix + "headTitles", a.HeadTitles);
        Codes(problems, prefix + "members", a.Members);
        if (a.Kind == AgencyKind.Group && a.Members is { Count: 0 })
            problems.Add(new(prefix + "members", "a group lists its member codes"));
        if (a.Kind != AgencyKind.Group && a.Members is { Count: > 0 })
            problems.Add(new(prefix + "members", "only a group (kind \"group\") has members"));
        if (a.LabelSuffix is not null && !IdGrammar.IsLabel(a.LabelSuffix))
            problems.Add(new(prefix + "labelSuffix", IdGrammar.LabelExpected));
        if (a.Kind == AgencyKind.Agency && a.Contacts is null)
            problems.Add(new(prefix + "contacts", "the focal point (level 1) and leadership (level 2) addresses notices go to"));
        if (a.Contacts is { } c)
        {
            Email(problems, prefix + "contacts.focalPoint", c.FocalPoint);
            Email(problems, prefix + "contacts.leadership", c.Leadership);
        }
        if (a.Successors is null) problems.Add(new(prefix + "successors", "a list (empty when none)"));
        else
        {
            if (a.Successors.Count > DirectiveLimits.ListCount) problems.Add(new(prefix + "successors", $"at most {DirectiveLimits.ListCount}"));
            for (var i = 0; i < a.Successors.Count; i++)
            {
                var at = $"{prefix}successors[{i}]";
                var link = a.Successors[i];
                if (link is null) { problems.Add(new(at, "a link {successor, effective, basis}")); continue; }
                if (!IdGrammar.IsCode(link.Successor)) problems.Add(new(at + ".successor", "the successor's code; " + IdGrammar.CodeExpected));
                else if (string.Equals(link.Successor, a.Code, StringComparison.OrdinalIgnoreCase))
                    problems.Add(new(at + ".successor", "another agency's code, not its own"));
                if (link.Effective == default) problems.Add(new(at + ".effective", "the day the successor takes over, e.g. 2025-07-01"));
                RequestLimits.Check(problems, at + ".basis", link.Basis, DirectiveLimits.Reason);
            }
        }
    }

    /// <summary>Checks <paramref name="changed"/> (at their field prefixes) against the directory they
    /// would make with <paramref name="others"/>.</summary>
    public static void CheckInDirectory(List<FieldError> problems, IReadOnlyList<(string Prefix, Agency Agency)> changed, IEnumerable<Agency> others)
    {
        var merged = new Dictionary<string, Agency>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in others) merged[a.Code] = a;
        foreach (var (_, a) in changed) merged[a.Code] = a;

        // Folded name → the codes that use it, so a name taken by another agency is found at once.
        var users = new Dictionary<string, List<Agency>>(StringComparer.Ordinal);
        foreach (var a in merged.Values)
        foreach (var name in NamesOf(a).Select(TextNormalizer.Fold).Distinct())
            (users.TryGetValue(name, out var list) ? list : users[name] = []).Add(a);
        var before = problems.Count;
        foreach (var (prefix, a) in changed)
        {
            NameTaken(problems, prefix + "name", a.Name, a.Code, users);
            for (var i = 0; i < a.Aliases.Count; i++) NameTaken(problems, $"{prefix}aliases[{i}]", a.Aliases[i], a.Code, users);
            for (var i = 0; i < a.Members.Count; i++)
            {
                var member = merged.GetValueOrDefault(a.Members[i]);
                if (member is null) problems.Add(new($"{prefix}members[{i}]", $"a known agency code; \"{a.Members[i]}\" is unknown"));
                else if (member.Kind != AgencyKind.Agency) problems.Add(new($"{prefix}members[{i}]", $"an agency; {member.Code} is a {Kind(member.Kind)}"));
            }
            for (var i = 0; i < a.Successors.Count; i++)
                if (!merged.ContainsKey(a.Successors[i].Successor))
                    problems.Add(new($"{prefix}successors[{i}].successor", $"a known agency code; \"{a.Successors[i].Successor}\" is unknown"));
        }
        if (problems.Count > before) return;
        try
        {
            _ = new AgencyDirectory(merged.Values); // what is left: cycles, a title with a name that names two agencies
        }
        catch (InvalidDataException e)
        {
            problems.Add(new(changed.Count == 1 ? changed[0].Prefix.TrimEnd('.') : "agencies", e.Message));
        }
    }

    private static void NameTaken(List<FieldError> problems, string field, string? name, string code, Dictionary<string, List<Agency>> users)
    {
        if (string.IsNullOrWhiteSpace(name)) return;
        var other = users.GetValueOrDefault(TextNormalizer.Fold(name))?.FirstOrDefault(a => !string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));
        if (other is not null) problems.Add(new(field, $"a name no other agency uses; \"{name}\" already names {other.Code} ({other.Name})"));
    }

    private static IEnumerable<string> NamesOf(Agency a) => a.Aliases.Prepend(a.Name).Append(a.Code);

    private static string Kind(AgencyKind kind) => kind.ToString().ToLowerInvariant();

    private static void Texts(List<FieldError> problems, string field, IReadOnlyList<string>? values)
    {
        if (values is null) { problems.Add(new(field, "a list (empty when none)")); return; }
        if (values.Count > DirectiveLimits.ListCount) problems.Add(new(field, $"at most {DirectiveLimits.ListCount}"));
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i])) problems.Add(new($"{field}[{i}]", "a non-empty text"));
            else RequestLimits.Check(problems, $"{field}[{i}]", values[i], DirectiveLimits.Name);
        }
    }

    private static void Codes(List<FieldError> problems, string field, IReadOnlyList<string>? values)
    {
        if (values is null) { problems.Add(new(field, "a list (empty when none)")); return; }
        if (values.Count > 1000) problems.Add(new(field, "at most 1000"));
        for (var i = 0; i < values.Count; i++)
            if (!IdGrammar.IsCode(values[i])) problems.Add(new($"{field}[{i}]", "an agency code; " + IdGrammar.CodeExpected));
    }

    private static void Email(List<FieldError> problems, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254 || !MailAddress.TryCreate(value, out var address) || address.Address != value)
            problems.Add(new(field, "an email address such as daumoi@example.gov.vn"));
    }
}
