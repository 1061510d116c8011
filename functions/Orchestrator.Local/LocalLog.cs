namespace Orchestrator.Local;

/// <summary>The local host's log events (ids 1000-1099), source-generated: one place to see what it logs.</summary>
internal static partial class LocalLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Durable runtime started on task hub {Hub} ({Partitions} partitions, polling {Polling}s)")]
    public static partial void DurableRuntimeStarted(ILogger logger, string hub, int partitions, double polling);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "The durable runtime did not stop within the shutdown timeout (is storage answering?); leaving it. Its work resumes at the next start.")]
    public static partial void DurableRuntimeStopAbandoned(ILogger logger);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Retention: purged {Count} ended instances older than {Days} days")]
    public static partial void RetentionPurged(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Retention purge failed; it runs again tomorrow")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "{Method} {Path}: storage did not answer ({Error})")]
    public static partial void StorageDidNotAnswer(ILogger logger, string method, string path, string error);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Storage is not reachable: starting Azurite with its data in {Location}")]
    public static partial void StartingAzurite(ILogger logger, string location);

    /// <summary>A line Azurite printed, as it printed it.</summary>
    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "{Message}")]
    public static partial void AzuriteOutput(ILogger logger, string? message);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Digests sent: {Keys}")]
    public static partial void DigestsSent(ILogger logger, string keys);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "The digest run failed; it runs again in {Interval}")]
    public static partial void DigestRunFailed(ILogger logger, Exception exception, TimeSpan interval);
}
