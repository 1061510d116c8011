namespace Orchestrator.Workflows.Admin;

/// <summary>
/// Spaces out operations to at most N a second across every caller of the process: each caller
/// reserves the next free slot and waits for it. Simple and exact for a bulk action's pace.
/// </summary>
public sealed class Pacer(AdminOptions options, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;

    public async Task WaitTurnAsync(CancellationToken cancellation = default)
    {
        var spacing = TimeSpan.FromSeconds(1 / Math.Max(0.01, options.BulkMaxPerSecond));
        DateTimeOffset slot;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            slot = _nextSlot < now ? now : _nextSlot;
            _nextSlot = slot + spacing;
        }
        var wait = slot - clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellation);
    }
}
