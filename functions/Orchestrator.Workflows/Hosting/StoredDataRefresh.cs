using Microsoft.Extensions.Hosting;

namespace Orchestrator.Workflows.Hosting;

/// <summary>
/// Keeps a process-wide copy of data stored in a table (the agency directory, the loaded calendar
/// years) in step with the table, in either host: loaded before the host serves, with a bound so
/// that a storage outage does not stop the start (the built-in data serves meanwhile), then loaded
/// again every <see cref="Interval"/> so changes made through another instance arrive.
/// </summary>
public abstract class StoredDataRefresh(TimeSpan interval) : BackgroundService
{
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(15);

    public TimeSpan Interval { get; } = interval;

    /// <summary>The load before the host serves.</summary>
    protected abstract Task LoadAtStartAsync(CancellationToken ct);

    /// <summary>Each later load.</summary>
    protected abstract Task RefreshAsync(CancellationToken ct);

    protected abstract void LogNotLoadedAtStart(string message);

    protected abstract void LogRefreshFailed(string message);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(StartWait);
        try
        {
            await LoadAtStartAsync(bounded.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotLoadedAtStart(e.Message);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(e.Message);
            }
        }
    }
}
