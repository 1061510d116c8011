using System.Text.Json;

using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Agencies;

/// <summary>
/// Agencies by stable code, resolution of names as written in documents, and dated succession
/// (the 2025 reorganisation): "who owes this on date D" has one answer while history keeps the
/// name as written.
/// </summary>
public sealed class AgencyDirectory
{
    private readonly Dictionary<string, Agency> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Agency> _byFoldedName = new(StringComparer.Ordinal);

    public AgencyDirectory(IEnumerable<Agency> agencies)
    {
        foreach (var a in agencies) _byCode[a.Code] = a; // later sources replace earlier ones
        foreach (var a in _byCode.Values)
        {
            foreach (var name in a.Aliases.Prepend(a.Name).Append(a.Code))
            {
                var key = TextNormalizer.Fold(name);
                if (_byFoldedName.TryGetValue(key, out var other) && other.Code != a.Code)
                    throw new InvalidDataException($"Agency name \"{name}\" is used by both {other.Code} and {a.Code}.");
                _byFoldedName[key] = a;
            }
        }
        foreach (var a in _byCode.Values)
        {
            foreach (var code in a.Members.Concat(a.Successors.Select(s => s.Successor)))
                if (!_byCode.ContainsKey(code)) throw new InvalidDataException($"Agency {a.Code} refers to unknown agency {code}.");
        }
    }

    public IReadOnlyCollection<Agency> All => _byCode.Values;

    public Agency? FindByCode(string code) => _byCode.GetValueOrDefault(code);

    public Agency GetByCode(string code) =>
        FindByCode(code) ?? throw new KeyNotFoundException($"Unknown agency code \"{code}\".");

    /// <summary>The agency a document's wording names: exact code, name or alias, compared without
    /// case, spacing, punctuation or diacritic differences. Null when unknown.</summary>
    public Agency? Resolve(string nameAsWritten) =>
        _byFoldedName.GetValueOrDefault(TextNormalizer.Fold(nameAsWritten));

    /// <summary>The nearest known names, for "did you mean" in validation messages.</summary>
    public IReadOnlyList<string> Nearest(string nameAsWritten, int count = 3)
    {
        var folded = TextNormalizer.Fold(nameAsWritten);
        return _byCode.Values
            .Select(a => (a.Name, Distance: a.Aliases.Prepend(a.Name).Min(n => Levenshtein(folded, TextNormalizer.Fold(n)))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count).Select(x => x.Name).ToList();
    }

    /// <summary>The agency in charge of <paramref name="code"/>'s work on <paramref name="day"/>,
    /// following every successor link effective on or before that day.</summary>
    public Agency InChargeOn(string code, DateOnly day)
    {
        var current = GetByCode(code);
        for (var hops = 0; hops < 16; hops++)
        {
            var link = current.Successors.Where(s => s.Effective <= day).OrderByDescending(s => s.Effective).FirstOrDefault();
            if (link is null) return current;
            current = GetByCode(link.Successor);
        }
        throw new InvalidDataException($"Successor links from {code} form a cycle.");
    }

    /// <summary>Members of a group, or the agency itself.</summary>
    public IReadOnlyList<Agency> Expand(Agency agency) =>
        agency.Kind == AgencyKind.Group ? agency.Members.Select(GetByCode).ToList() : [agency];

    private static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    // ---- loading ----

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static AgencyDirectory Default() => new(LoadEmbedded());

    /// <summary>The embedded directory plus agencies from JSON files (same shape as
    /// Agencies/Data/agencies.json); an agency with an existing code replaces it.</summary>
    public static AgencyDirectory WithExtraFiles(params string[] paths) =>
        new(LoadEmbedded().Concat(paths.SelectMany(p => Parse(File.ReadAllText(p), p))));

    public static IReadOnlyList<Agency> Parse(string json, string origin) =>
        JsonSerializer.Deserialize<AgencyFile>(json, JsonOptions)?.Agencies
        ?? throw new InvalidDataException($"{origin}: no agencies.");

    private static IReadOnlyList<Agency> LoadEmbedded() =>
        Parse(EmbeddedText.Read(typeof(AgencyDirectory).Assembly, "Orchestrator.Domain.Agencies.agencies.json"), "agencies.json");

    private sealed record AgencyFile(IReadOnlyList<Agency> Agencies);
}
