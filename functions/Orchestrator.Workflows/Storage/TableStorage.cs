using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Orchestrator.Workflows.Storage;

/// <summary>
/// The read-model tables. Every table name starts with a configurable prefix so that several
/// deployments (or tests) can share one storage account without seeing each other's rows.
/// Tables are created on first use.
/// </summary>
public sealed class TableStorage(TableServiceClient service, string prefix)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public string Prefix { get; } = prefix;

    public Task<TableClient> GetTableAsync(string name) =>
        _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(async () =>
        {
            var table = service.GetTableClient(Prefix + n);
            await table.CreateIfNotExistsAsync();
            return table;
        })).Value;
}
