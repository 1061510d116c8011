namespace Orchestrator.Workflows.Drafting;

/// <summary>
/// At most <see cref="MaxConcurrent"/> letters are read at once per host: reading is CPU and
/// memory bound, and the host shares its cores with the durable worker. A request that finds the
/// gate full waits <see cref="MaxWait"/>, then is told to come back (503 with Retry-After).
/// </summary>
public sealed class LetterGate(int maxConcurrent = LetterGate.MaxConcurrent) : IDisposable
{
    public const int MaxConcurrent = 2;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    /// <summary>What Retry-After says to a caller the gate turned away (seconds).</summary>
    public const int RetryAfterSeconds = 5;

    private readonly SemaphoreSlim _slots = new(maxConcurrent, maxConcurrent);

    /// <summary>A held slot (dispose it to free it), or null when none came free in time.</summary>
    public async Task<IDisposable?> EnterAsync(TimeSpan wait, CancellationToken cancel) =>
        await _slots.WaitAsync(wait, cancel) ? new Slot(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
