namespace Orchestrator.Local.Commands.Bench;

/// <summary>p50, p99 and max of a sample, in milliseconds (nearest rank).</summary>
public sealed record Percentiles(int Count, double P50Ms, double P99Ms, double MaxMs)
{
    public static Percentiles Of(IReadOnlyCollection<TimeSpan> sample)
    {
        if (sample.Count == 0) return new(0, double.NaN, double.NaN, double.NaN);
        var sorted = sample.Select(s => s.TotalMilliseconds).Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new(sorted.Length, Rank(0.50), Rank(0.99), sorted[^1]);
    }
}
