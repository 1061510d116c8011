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
    /// <summary>One consistent state of the directory; replaced as a whole, never changed in place,
    /// so a reader sees either the old or the new agencies, never a mix.</summary>
    private sealed record Snapshot(Dictionary<string, Agency> ByCode, Dictionary<string, Agency> ByFoldedName,
        Dictionary<string, Agency> ByTitledName);

    private volatile Snapshot _current;

    public AgencyDirectory(IEnumerable<Agency> agencies) => _current = Build(agencies);

    /// <summary>Replaces the whole directory (the stored one, reloaded after an edit). Throws
    /// <see cref="InvalidDataException"/> and keeps the current agencies when the new ones are inconsistent.</summary>
    public void Replace(IEnumerable<Agency> agencies) => _current = Build(agencies);

    private static Snapshot Build(IEnumerable<Agency> agencies)
    {
        var byCode = new Dictionary<string, Agency>(StringComparer.OrdinalIgnoreCase);
        var byFoldedName = new Dictionary<string, Agency>(StringComparer.Ordinal);
        var byTitledName = new Dictionary<string, Agency>(StringComparer.Ordinal);
        foreach (var a in agencies) byCode[a.Code] = a; // later sources replace earlier ones
        foreach (var a in byCode.Values)
        {
            foreach (var name in Names(a))
            {
                var key = TextNormalizer.Fold(name);
                if (byFoldedName.TryGetValue(key, out var other) && other.Code != a.Code)
                    throw new InvalidDataException($"Agency name \"{name}\" is used by both {other.Code} and {a.Code}.");
                byFoldedName[key] = a;
            }
        }
        foreach (var a in byCode.Values)
        {
            foreach (var code in a.Members.Concat(a.Successors.Select(s => s.Successor)))
                if (!byCode.ContainsKey(code)) throw new InvalidDataException($"Agency {a.Code} refers to unknown agency {code}.");
            // "Bộ trưởng" + "Bộ Giao thông vận tải": a plain name always wins over a titled one.
            foreach (var title in a.HeadTitles)
            foreach (var name in Names(a))
            {
                var key = TextNormalizer.Fold(title + " " + name);
                if (byFoldedName.ContainsKey(key)) continue;
                if (byTitledName.TryGetValue(key, out var other) && other.Code != a.Code)
                    throw new InvalidDataException($"\"{title} {name}\" names both {other.Code} and {a.Code}.");
                byTitledName[key] = a;
            }
        }
        RefuseSuccessorCycles(byCode);
        return new Snapshot(byCode, byFoldedName, byTitledName);
    }

    /// <summary>A cycle of successor links would leave no agency in charge; refused whatever the dates.</summary>
    private static void RefuseSuccessorCycles(Dictionary<string, Agency> byCode)
    {
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var start in byCode.Keys) Visit(start, new HashSet<string>(StringComparer.OrdinalIgnoreCase));

        void Visit(string code, HashSet<string> path)
        {
            if (done.Contains(code)) return;
            if (!path.Add(code)) throw new InvalidDataException($"Successor links from {code} form a cycle.");
            foreach (var link in byCode[code].Successors) Visit(link.Successor, path);
            path.Remove(code);
            done.Add(code);
        }
    }

    private static IEnumerable<string> Names(Agency a) => a.Aliases.Prepend(a.Name).Append(a.Code);

    private Dictionary<string, Agency> ByCode => _current.ByCode;

    public IReadOnlyCollection<Agency> All => ByCode.Values;

    public Agency? FindByCode(string code) => ByCode.GetValueOrDefault(code);

    public Agency GetByCode(string code) =>
        FindByCode(code) ?? throw new KeyNotFoundException($"Unknown agency code \"{code}\".");

    /// <summary>The agency a document's wording names: exact code, name or alias, compared without
    /// case, spacing, punctuation or diacritic differences. Null when unknown.</summary>
    /// <remarks>A person's title before a name ("Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam") names
    /// the agency that person heads (<see cref="Agency.HeadTitles"/>).</remarks>
    public Agency? Resolve(string nameAsWritten)
    {
        var current = _current;
        var key = TextNormalizer.Fold(nameAsWritten);
        return current.ByFoldedName.GetValueOrDefault(key) ?? current.ByTitledName.GetValueOrDefault(key);
    }

    /// <summary>The nearest known names, for "did you mean" in validation messages.</summary>
    public IReadOnlyList<string> Nearest(string nameAsWritten, int count = 3)
    {
        var folded = TextNormalizer.Fold(nameAsWritten);
        return ByCode.Values
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

    /// <summary>Members of a group that exist on <paramref name="day"/> (the 63 provinces before
    /// 1 July 2025, the 34 from then on), or the agency itself.</summary>
    public IReadOnlyList<Agency> Expand(Agency agency, DateOnly day) =>
        agency.Kind == AgencyKind.Group ? Expand(agency).Where(m => ExistsOn(m, day)).ToList() : [agency];

    /// <summary>False once a successor link of the agency has taken effect: its work is owed by another.</summary>
    public static bool ExistsOn(Agency agency, DateOnly day) => agency.Successors.All(s => s.Effective > day);

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
