using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;

namespace Orchestrator.Workflows.Directives;

/// <summary>
/// Stores a directive row with its JSON gzip-compressed and split over binary properties: a Table
/// Storage property holds at most 64 KiB, and a directive of a few hundred items is larger than
/// that as text. An entity holds at most 1 MiB, so about 15 chunks of 60 KiB (roughly 10 MB of
/// JSON before compression) is the ceiling.
/// </summary>
public static class DirectiveContent
{
    private const int ChunkBytes = 60 * 1024;
    public const int MaxChunks = 15;
    private const string ChunkPrefix = "Content";

    public static TableEntity Write(DirectiveRecord record)
    {
        var compressed = Compress(record.Json);
        var chunks = compressed.Chunk(ChunkBytes).ToList();
        if (chunks.Count > MaxChunks)
            throw new DirectiveTooLargeException(
                $"The directive is {Encoding.UTF8.GetByteCount(record.Json)} bytes of JSON ({compressed.Length} compressed); " +
                $"at most {MaxChunks * ChunkBytes} compressed bytes can be stored.");
        var entity = new TableEntity(DirectiveRecord.Partition, record.RowKey)
        {
            [nameof(record.DocumentNumber)] = record.DocumentNumber,
            [nameof(record.Subject)] = record.Subject,
            [nameof(record.ImportedUtc)] = record.ImportedUtc,
            [nameof(record.ContentHash)] = record.ContentHash,
            [nameof(record.ShiftDays)] = record.ShiftDays,
            [nameof(record.SecondsPerDay)] = record.SecondsPerDay,
            [nameof(record.ItemCount)] = record.ItemCount,
            [nameof(record.PolicyFromRequest)] = record.PolicyFromRequest,
            ["ContentChunks"] = chunks.Count,
        };
        if (record.EscalationPolicy is not null) entity[nameof(record.EscalationPolicy)] = record.EscalationPolicy;
        for (var i = 0; i < chunks.Count; i++) entity[ChunkPrefix + i] = chunks[i];
        return entity;
    }

    public static DirectiveRecord Read(TableEntity entity)
    {
        var count = entity.GetInt32("ContentChunks") ?? 0;
        var bytes = Enumerable.Range(0, count).SelectMany(i => entity.GetBinary(ChunkPrefix + i)).ToArray();
        return new DirectiveRecord
        {
            RowKey = entity.RowKey,
            ETag = entity.ETag,
            Timestamp = entity.Timestamp,
            DocumentNumber = entity.GetString(nameof(DirectiveRecord.DocumentNumber)) ?? "",
            Subject = entity.GetString(nameof(DirectiveRecord.Subject)),
            ImportedUtc = entity.GetDateTimeOffset(nameof(DirectiveRecord.ImportedUtc)) ?? default,
            ContentHash = entity.GetString(nameof(DirectiveRecord.ContentHash)) ?? "",
            ShiftDays = entity.GetInt32(nameof(DirectiveRecord.ShiftDays)) ?? 0,
            SecondsPerDay = entity.GetDouble(nameof(DirectiveRecord.SecondsPerDay)),
            ItemCount = entity.GetInt32(nameof(DirectiveRecord.ItemCount)) ?? 0,
            EscalationPolicy = entity.GetString(nameof(DirectiveRecord.EscalationPolicy)),
            PolicyFromRequest = entity.GetBoolean(nameof(DirectiveRecord.PolicyFromRequest)) ?? false,
            Json = Decompress(bytes),
        };
    }

    private static byte[] Compress(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private static string Decompress(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public sealed class DirectiveTooLargeException(string message) : Exception(message);
