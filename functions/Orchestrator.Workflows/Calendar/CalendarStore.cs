using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Orchestrator.Domain.Calendar;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Calendar;

/// <summary>One loaded year in the table <c>{prefix}Calendar</c>: one partition, row = the year, the
/// schedule as JSON (the shape of Calendar/Data/YYYY.json), who loaded it and when.</summary>
public sealed class CalendarYearEntity : ITableEntity
{
    public const string Partition = "year";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Json { get; set; } = "";
    public string LoadedBy { get; set; } = "";
    public DateTimeOffset LoadedAtUtc { get; set; }
    public string Reason { get; set; } = "";

    public static CalendarYearEntity From(StoredYear y) => new()
    {
        RowKey = y.Schedule.Year.ToString(CultureInfo.InvariantCulture),
        Json = JsonSerializer.Serialize(y.Schedule, WorkflowJson.Options),
        LoadedBy = y.LoadedBy, LoadedAtUtc = y.LoadedAtUtc, Reason = y.Reason,
    };

    public StoredYear ToStored() => new(
        JsonSerializer.Deserialize<HolidayYear>(Json, WorkflowJson.Options) ?? throw new InvalidDataException($"Calendar row {RowKey} is empty."),
        LoadedBy, LoadedAtUtc, Reason);
}

/// <summary>A year's decided schedule as loaded at run time.</summary>
public sealed record StoredYear(HolidayYear Schedule, string LoadedBy, DateTimeOffset LoadedAtUtc, string Reason);

/// <summary>The decided schedules loaded at run time. A stored year replaces the built-in year of the
/// same number; a year neither stored nor built in is computed by rule (expected).</summary>
public sealed class CalendarStore(TableStorage storage)
{
    public const string TableName = "Calendar";

    /// <summary>Every stored year: one query (a hundred rows at most).</summary>
    public async Task<IReadOnlyList<StoredYear>> ReadAllAsync(CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        var years = new List<StoredYear>();
        await foreach (var row in table.QueryAsync<CalendarYearEntity>(e => e.PartitionKey == CalendarYearEntity.Partition, cancellationToken: ct))
            years.Add(row.ToStored());
        return years;
    }

    /// <summary>Adds or replaces the year: loading the same file again writes the same row.</summary>
    public async Task UpsertAsync(StoredYear year, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        await table.UpsertEntityAsync(CalendarYearEntity.From(year), TableUpdateMode.Replace, ct);
    }
}
