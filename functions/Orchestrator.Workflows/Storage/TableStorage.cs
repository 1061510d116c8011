using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Orchestrator.Workflows.Storage;

/// <summary>
/// The read-model tables. Every table name starts with a configurable prefix so that several
/// deployments (or tests) can share one storage account without seeing each other's rows.
/// Tables are created on first use; a creation that failed (storage down) is tried again at the next use.
/// </summary>
public sealed class TableStorage(TableServiceClient service, string prefix)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public string Prefix { get; } = prefix;

    public async Task<TableClient> GetTableAsync(string name)
    {
        // One creation per table even under concurrent first uses; callers that share a failed one all see its error.
        var creation = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n)));
        try
        {
            return await creation.Value;
        }
        catch
        {
            _tables.TryRemove(KeyValuePair.Create(name, creation)); // only this failed creation, not a newer one
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var table = service.GetTableClient(Prefix + name);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
