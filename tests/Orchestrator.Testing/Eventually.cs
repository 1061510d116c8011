using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Testing;

/// <summary>Waits on a condition with a timeout instead of sleeping a guessed time.</summary>
public static class Eventually
{
    /// <summary>A file to which every wait appends how long it took beside its limit (tab-separated:
    /// seconds, limit in seconds, what was awaited). tests/run.sh sets it and lists the waits that
    /// used most of their limit, so a wait drifting toward its limit shows before it fails CI.</summary>
    public const string LogVariable = "ORCHESTRATOR_WAIT_LOG";

    private static readonly object LogGate = new();

    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                Record(clock.Elapsed, timeout, what);
                return last;
            }
            if (DateTime.UtcNow > deadline)
            {
                Record(clock.Elapsed, timeout, what + " (timed out)");
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. Last value: {last}");
            }
            await Task.Delay(200);
        }
    }

    private static void Record(TimeSpan took, TimeSpan limit, string what)
    {
        if (Environment.GetEnvironmentVariable(LogVariable) is not { Length: > 0 } path) return;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{took.TotalSeconds:0.0}\t{limit.TotalSeconds:0}\t{what.ReplaceLineEndings(" ").Replace('\t', ' ')}\n");
        lock (LogGate) File.AppendAllText(path, line);
    }
}
