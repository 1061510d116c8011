namespace Orchestrator.Local.Commands.StorageBench;

/// <summary>
/// Puts one subject through the phases and slices the proxy's record of requests by phase.
/// Background requests (queue polls, partition leases: the operations seen while nothing is
/// imported yet) go on during every phase; their baseline rate times the phase's length is taken
/// off, so a phase's count is what its work added.
/// </summary>
internal sealed class StorageBenchRunner(CountingStorageProxy proxy, StorageBenchSettings settings, TextWriter log)
{
    private static readonly TimeSpan StartUpSettling = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ReminderMargin = TimeSpan.FromSeconds(5);

    public async Task<SubjectResult> RunAsync(IBenchSubject subject)
    {
        // Stopped before the next subject starts: its polling would count against that one.
        await using (subject) return await MeasureAsync(subject);
    }

    private async Task<SubjectResult> MeasureAsync(IBenchSubject subject)
    {
        log.WriteLine($"[{subject.Title}] starting");
        await subject.StartAsync();
        proxy.HiddenName = subject.Name;
        // Creating the task hub, first lease rounds: not part of any phase.
        await Task.Delay(StartUpSettling);

        var baselineStart = proxy.Now;
        await Task.Delay(TimeSpan.FromSeconds(settings.BaselineSeconds));
        var baseline = new Window(baselineStart, proxy.Now, Count(proxy.Between(baselineStart, proxy.Now)));
        var background = baseline.Counts.Keys.ToHashSet();
        log.WriteLine($"[{subject.Title}] baseline: {baseline.Total} requests in {baseline.Duration.TotalSeconds:0} s with no items");

        var importStart = proxy.Now;
        var reminderAt = await subject.ImportAsync(settings.Items);
        var importEnd = await WaitUntilDoneAsync(subject.AllWaitingOnFirstTimerAsync, background, DateTimeOffset.UtcNow + PhaseTimeout, "import");
        log.WriteLine($"[{subject.Title}] import: every item waits on its first timer after {(importEnd - importStart).TotalSeconds:0.0} s");

        // Idle: every item waits on its timer; as long as the spell before the first reminder allows.
        var idleStart = proxy.Now;
        var idleLength = TimeSpan.FromSeconds(settings.IdleSeconds);
        var beforeReminder = reminderAt - DateTimeOffset.UtcNow - ReminderMargin;
        if (beforeReminder < idleLength) idleLength = beforeReminder;
        if (idleLength < TimeSpan.FromSeconds(10))
            throw new InvalidOperationException("the import took too long for an idle spell before the first reminder: raise --seconds-per-day");
        await Task.Delay(idleLength);
        var idleEnd = proxy.Now;
        log.WriteLine($"[{subject.Title}] idle: {idleLength.TotalSeconds:0} s");

        var reminderEnd = await WaitUntilDoneAsync(subject.AllRemindedAsync, background, reminderAt + PhaseTimeout, "reminder");
        log.WriteLine($"[{subject.Title}] reminder: every item reminded");

        var completeStart = proxy.Now;
        await subject.CompleteAllAsync();
        var completeEnd = await WaitUntilDoneAsync(subject.AllCompletedAsync, background, DateTimeOffset.UtcNow + PhaseTimeout, "completion");
        log.WriteLine($"[{subject.Title}] completion: every item ended after {(completeEnd - completeStart).TotalSeconds:0.0} s");

        return new SubjectResult(subject.Title, settings.Items, baseline,
            Slice(importStart, importEnd), Slice(idleStart, idleEnd), Slice(idleEnd, reminderEnd), Slice(completeStart, completeEnd));
    }

    private Window Slice(TimeSpan from, TimeSpan to) => new(from, to, Count(proxy.Between(from, to)));

    private static Dictionary<string, int> Count(IEnumerable<StorageRequest> requests) =>
        requests.GroupBy(r => r.Operation).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// Waits until <paramref name="done"/> holds and then no foreground request (one of an
    /// operation not in <paramref name="background"/>) has come for <see cref="StorageBenchSettings.Quiet"/>.
    /// Returns when the last of the phase's work arrived.
    /// </summary>
    private async Task<TimeSpan> WaitUntilDoneAsync(Func<Task<bool>> done, IReadOnlySet<string> background,
        DateTimeOffset deadline, string phase)
    {
        while (!await done())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"the {phase} phase did not finish in time");
            await Task.Delay(500);
        }
        var conditionMet = proxy.Now;
        while (true)
        {
            var lastForeground = proxy.Requests.LastOrDefault(r => !background.Contains(r.Operation))?.At ?? TimeSpan.Zero;
            var end = lastForeground > conditionMet ? lastForeground : conditionMet;
            if (proxy.Now - end >= settings.Quiet) return end + TimeSpan.FromTicks(1);
            await Task.Delay(500);
        }
    }
}

/// <summary>The requests counted by operation in one span of time.</summary>
internal sealed record Window(TimeSpan From, TimeSpan To, IReadOnlyDictionary<string, int> Counts)
{
    public TimeSpan Duration => To - From;
    public int Total => Counts.Values.Sum();

    /// <summary>Per operation, the count minus what the baseline's rate would have made in this window's length (never below zero).</summary>
    public Dictionary<string, double> Net(Window baseline) => Counts.Keys.Union(baseline.Counts.Keys)
        .ToDictionary(op => op, op => Math.Max(0,
            Counts.GetValueOrDefault(op) - baseline.Counts.GetValueOrDefault(op) * Duration.TotalSeconds / baseline.Duration.TotalSeconds));

    /// <summary>Per operation, the count scaled to one hour.</summary>
    public Dictionary<string, double> PerHour() => Counts.ToDictionary(p => p.Key, p => p.Value * 3600 / Duration.TotalSeconds);
}

internal sealed record SubjectResult(string Title, int Items, Window Baseline, Window Import, Window Idle, Window Reminder, Window Completion);
