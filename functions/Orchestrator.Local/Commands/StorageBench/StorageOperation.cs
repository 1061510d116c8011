using System.Text.RegularExpressions;

namespace Orchestrator.Local.Commands.StorageBench;

/// <summary>
/// Names a storage request by what it does rather than by what it touches: the method, the kind of
/// resource (table query, table entity, queue messages, blob) and the sub-operation (<c>comp=</c>,
/// <c>restype=</c>, <c>peekonly=</c>), with keys, message ids and blob names left out. For example
/// <c>table MERGE *Instances(key)</c>, <c>queue GET *-control-02/messages</c>,
/// <c>blob PUT *-leases/{blob}?comp=lease</c>. A name that varies per run (the task hub, which
/// is also the tables' prefix) is shown as <c>*</c>.
/// </summary>
public static partial class StorageOperation
{
    public static string Classify(StorageService service, string method, string rawTarget, string? hiddenName = null)
    {
        var queryStart = rawTarget.IndexOf('?');
        var path = Uri.UnescapeDataString(queryStart < 0 ? rawTarget : rawTarget[..queryStart]);
        var query = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];

        // Path-style addresses: /account/resource...; the account is the same for every request.
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        if (!string.IsNullOrEmpty(hiddenName))
            segments = segments.Select(s => s.Replace(hiddenName, "*", StringComparison.OrdinalIgnoreCase)).ToList();

        var resource = service switch
        {
            StorageService.Table => TableResource(segments),
            StorageService.Queue => QueueResource(segments),
            _ => BlobResource(segments),
        };
        var details = SubOperations(query);
        return $"{service.ToString().ToLowerInvariant()} {method.ToUpperInvariant()} {resource}{details}";
    }

    /// <summary>Tables: <c>Tables</c> (the table list), <c>name()</c> (a query), <c>name(key)</c> (one entity), <c>$batch</c>.</summary>
    private static string TableResource(List<string> segments)
    {
        if (segments.Count == 0) return "/";
        var first = segments[0];
        if (TableWithKeys().Match(first) is { Success: true } m)
            return m.Groups["keys"].Value.Length == 0 ? m.Groups["table"].Value + "()" : m.Groups["table"].Value + "(key)";
        return first;
    }

    /// <summary>Queues: <c>name</c>, <c>name/messages</c>, <c>name/messages/{id}</c>.</summary>
    private static string QueueResource(List<string> segments) => segments.Count switch
    {
        0 => "/",
        1 => segments[0],
        2 => segments[0] + "/" + segments[1],
        _ => segments[0] + "/" + segments[1] + "/{id}",
    };

    /// <summary>Blobs: <c>container</c> or <c>container/{blob}</c>.</summary>
    private static string BlobResource(List<string> segments) => segments.Count switch
    {
        0 => "/",
        1 => segments[0],
        _ => segments[0] + "/{blob}",
    };

    private static string SubOperations(string query)
    {
        var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p[0] is "comp" or "restype" or "peekonly")
            .Select(p => p[0] + "=" + (p.Length > 1 ? p[1] : ""))
            .Order(StringComparer.Ordinal)
            .ToList();
        return kept.Count == 0 ? "" : "?" + string.Join('&', kept);
    }

    [GeneratedRegex(@"^(?<table>[^()]+)\((?<keys>.*)\)$")]
    private static partial Regex TableWithKeys();
}
