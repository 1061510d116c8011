using System.Net.Sockets;

namespace Orchestrator.Local.Storage;

/// <summary>
/// The blob, queue and table endpoints named by a storage connection string, so the local host can
/// tell whether the storage it was given is a local emulator that it may have to start itself.
/// </summary>
public sealed record StorageEndpoints(Uri Blob, Uri Queue, Uri Table)
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Azurite's well-known account; its key is public and documented by Microsoft.</summary>
    public const string DevAccountName = "devstoreaccount1";
    public const string DevAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Reads the endpoints, or null when the string names a cloud account (nothing local to start).</summary>
    public static StorageEndpoints? FromConnectionString(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
            return OnLoopback("127.0.0.1", 10000, 10001, 10002);

        if (parts.TryGetValue("BlobEndpoint", out var blob) && parts.TryGetValue("QueueEndpoint", out var queue)
            && parts.TryGetValue("TableEndpoint", out var table))
        {
            var endpoints = new StorageEndpoints(new Uri(blob), new Uri(queue), new Uri(table));
            return endpoints.IsLoopback ? endpoints : null;
        }
        return null;
    }

    public static StorageEndpoints OnLoopback(string host, int blobPort, int queuePort, int tablePort) => new(
        new Uri($"http://{host}:{blobPort}/{DevAccountName}"),
        new Uri($"http://{host}:{queuePort}/{DevAccountName}"),
        new Uri($"http://{host}:{tablePort}/{DevAccountName}"));

    public bool IsLoopback => Blob.IsLoopback && Queue.IsLoopback && Table.IsLoopback;

    /// <summary>A connection string with explicit endpoints: needed whenever the ports are not 10000–10002.</summary>
    public string ToConnectionString() =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccountName};AccountKey={DevAccountKey};" +
        $"BlobEndpoint={Blob};QueueEndpoint={Queue};TableEndpoint={Table};";

    /// <summary>True when something accepts TCP connections on all three ports.</summary>
    public async Task<bool> AreReachableAsync(CancellationToken cancellationToken = default)
    {
        foreach (var uri in new[] { Blob, Queue, Table })
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try { await client.ConnectAsync(uri.Host, uri.Port, timeout.Token); }
            catch (Exception e) when (e is SocketException or OperationCanceledException) { return false; }
        }
        return true;
    }
}
