using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Domain.Agencies;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Agencies;

/// <summary>
/// Keeps the process's <see cref="AgencyDirectory"/> (the singleton imports, plans, notices and
/// activities use) equal to the stored directory: seeded and loaded at start, reloaded after every
/// edit made through this instance and every <see cref="RefreshInterval"/> (edits made through
/// another instance). Lookups read memory only: a plan costs no storage request for agencies.
/// Orchestrators never read it; activities and API handlers do.
/// </summary>
public sealed class StoredDirectory(AgencyStore store, AgencyDirectory directory, TimeProvider clock, ILogger<StoredDirectory>? logger = null) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly ILogger _log = logger ?? NullLogger<StoredDirectory>.Instance;
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>The container disposes the singleton at shutdown, after the refresh service has stopped.</summary>
    public void Dispose() => _loading.Dispose();

    public AgencyDirectory Directory => directory;

    /// <summary>When the stored directory was last loaded; null while the embedded seed is in use.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>The seed file embedded in the build (the content a new deployment starts with).</summary>
    public static IReadOnlyList<Agency> Seed() => AgencyDirectory.Default().All.ToList();

    /// <summary>Seeds the table if it has no agency, then loads it.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (await store.SeedIfEmptyAsync(Seed(), ct)) AgencyLog.Seeded(_log);
        await ReloadAsync(ct);
    }

    /// <summary>Reads every stored agency and swaps them in. A stored directory that is inconsistent
    /// (possible only by writing the table by hand) is refused, the one in memory kept, and logged.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await _loading.WaitAsync(ct);
        try
        {
            var agencies = await store.ReadAllAsync(ct);
            directory.Replace(agencies);
            LoadedAt = clock.GetUtcNow();
        }
        catch (InvalidDataException e)
        {
            AgencyLog.Inconsistent(_log, e.Message);
        }
        finally
        {
            _loading.Release();
        }
    }
}

/// <summary>Runs <see cref="StoredDirectory"/> in either host: seeded and loaded before the host
/// serves (the embedded seed serves while storage cannot be read), then refreshed.</summary>
public sealed class StoredDirectoryRefresh(StoredDirectory stored, ILogger<StoredDirectoryRefresh> logger)
    : StoredDataRefresh(StoredDirectory.RefreshInterval)
{
    protected override Task LoadAtStartAsync(CancellationToken ct) => stored.StartAsync(ct);

    /// <summary>A directory never loaded (storage was down at start) is seeded and loaded first.</summary>
    protected override Task RefreshAsync(CancellationToken ct) => stored.LoadedAt is null ? stored.StartAsync(ct) : stored.ReloadAsync(ct);

    protected override void LogNotLoadedAtStart(string message) => AgencyLog.NotLoadedAtStart(logger, message);

    protected override void LogRefreshFailed(string message) => AgencyLog.ReloadFailed(logger, message);
}

/// <summary>The agency directory's log events (ids 3001-3099), source-generated.</summary>
internal static partial class AgencyLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Agency directory seeded from the embedded file.")]
    public static partial void Seeded(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "The stored agency directory is inconsistent and was not loaded: {Problem}")]
    public static partial void Inconsistent(ILogger logger, string problem);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "The stored agency directory could not be loaded at start ({Message}); the embedded seed serves until it can.")]
    public static partial void NotLoadedAtStart(ILogger logger, string message);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Reloading the agency directory failed ({Message}); the last one loaded stays in use.")]
    public static partial void ReloadFailed(ILogger logger, string message);
}
