using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Orchestrator.Domain.Agencies;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Agencies;

/// <summary>One agency in the table <c>{prefix}Agencies</c>: one partition, row = the code, the
/// agency itself as JSON (the shape of the seed file and of export/import).</summary>
public sealed class AgencyEntity : ITableEntity
{
    public const string Partition = "agency";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Json { get; set; } = "";

    public static AgencyEntity From(Agency agency) =>
        new() { RowKey = agency.Code, Json = JsonSerializer.Serialize(agency, WorkflowJson.Options) };

    public Agency ToAgency() =>
        JsonSerializer.Deserialize<Agency>(Json, WorkflowJson.Options) ?? throw new InvalidDataException($"Agency row {RowKey} is empty.");
}

/// <summary>An agency as stored, with the ETag an edit must match.</summary>
public sealed record StoredAgency(Agency Agency, ETag ETag);

/// <summary>
/// The agency directory in Table Storage. A deployment starts with the embedded seed (written once,
/// when the table holds no agency) and the office edits it from then on: a later start never
/// writes the seed again, so edits stay.
/// </summary>
public sealed class AgencyStore(TableStorage storage)
{
    public const string TableName = "Agencies";
    /// <summary>The most operations Table Storage takes in one (atomic) transaction.</summary>
    private const int BatchSize = 100;

    /// <summary>Every stored agency: one query (a page holds 1,000 rows).</summary>
    public async Task<IReadOnlyList<Agency>> ReadAllAsync(CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        var agencies = new List<Agency>();
        await foreach (var row in table.QueryAsync<AgencyEntity>(e => e.PartitionKey == AgencyEntity.Partition, cancellationToken: ct))
            agencies.Add(row.ToAgency());
        return agencies;
    }

    public async Task<StoredAgency?> FindAsync(string code, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<AgencyEntity>(AgencyEntity.Partition, code, cancellationToken: ct);
        return row.HasValue && row.Value is { } entity ? new StoredAgency(entity.ToAgency(), entity.ETag) : null;
    }

    /// <summary>Writes <paramref name="seed"/> when the table holds no agency yet. True when this call
    /// seeded; false when agencies were there (or another instance seeded at the same moment).</summary>
    public async Task<bool> SeedIfEmptyAsync(IReadOnlyList<Agency> seed, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        await foreach (var _ in table.QueryAsync<AgencyEntity>(e => e.PartitionKey == AgencyEntity.Partition, maxPerPage: 1,
                           select: ["RowKey"], cancellationToken: ct))
            return false;
        try
        {
            // Inserts, not upserts: if another instance seeded meanwhile, its rows (and any edit made
            // since) win and this batch fails as a whole.
            foreach (var batch in seed.Chunk(BatchSize))
                await table.SubmitTransactionAsync(batch.Select(a => new TableTransactionAction(TableTransactionActionType.Add, AgencyEntity.From(a))), ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Adds a new agency; false when the code is taken.</summary>
    public async Task<bool> AddAsync(Agency agency, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        try
        {
            await table.AddEntityAsync(AgencyEntity.From(agency), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces an agency if it still has <paramref name="etag"/> (<see cref="ETag.All"/>: whatever it has);
    /// false when someone changed it meanwhile.</summary>
    public async Task<bool> ReplaceAsync(Agency agency, ETag etag, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        try
        {
            await table.UpdateEntityAsync(AgencyEntity.From(agency), etag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Adds or replaces every agency of an imported file, in atomic batches of 100.</summary>
    public async Task UpsertAllAsync(IReadOnlyList<Agency> agencies, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        foreach (var batch in agencies.Chunk(BatchSize))
            await table.SubmitTransactionAsync(batch.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, AgencyEntity.From(a))), ct);
    }
}
