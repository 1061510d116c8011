using System.Globalization;

namespace Orchestrator.Local.Commands.StorageBench;

/// <summary>
/// Prints the subjects' counts side by side as Markdown tables (ready for docs/benchmarks.md):
/// per phase, requests per item in total, by service, and the operations that make them up.
/// </summary>
internal static class StorageBenchReport
{
    private const int TopOperations = 40;

    public static void Write(TextWriter output, StorageBenchSettings settings, IReadOnlyList<SubjectResult> results)
    {
        output.WriteLine();
        output.WriteLine($"Storage requests per item: N = {settings.Items} items, polling interval {Number(settings.PollingIntervalSeconds)} s, " +
                         $"{settings.PartitionCount} partitions, baseline (no items) subtracted from phases 1-3.");
        var phases = new (string Title, Func<SubjectResult, Dictionary<string, double>> PerItem)[]
        {
            ("1. import until the item waits on its first timer", r => PerItem(r.Import.Net(r.Baseline), r.Items)),
            ("2. one reminder notice", r => PerItem(r.Reminder.Net(r.Baseline), r.Items)),
            ("3. one completion", r => PerItem(r.Completion.Net(r.Baseline), r.Items)),
            ($"4. one idle hour with N items waiting (measured over {Number(results[0].Idle.Duration.TotalSeconds)} s; total for all N, not per item)",
                r => r.Idle.PerHour()),
            ("0. one idle hour with no items (baseline, total)", r => r.Baseline.PerHour()),
        };
        output.WriteLine();
        WriteSummary(output, phases, results);
        foreach (var (title, perItem) in phases)
        {
            output.WriteLine();
            output.WriteLine($"### {title}");
            output.WriteLine();
            WritePhase(output, results.Select(perItem).ToList(), results);
        }
    }

    private static void WriteSummary(TextWriter output,
        IEnumerable<(string Title, Func<SubjectResult, Dictionary<string, double>> PerItem)> phases, IReadOnlyList<SubjectResult> results)
    {
        // Queue polls (GET .../messages) depend on timing: the provider polls faster while work is about.
        output.WriteLine("| phase | " + string.Join(" | ", results.Select(r => $"{r.Title} | {r.Title} without queue polls")) + " |");
        output.WriteLine("|---|" + string.Concat(results.Select(_ => "---:|---:|")));
        foreach (var (title, perItem) in phases)
            output.WriteLine($"| {title} | " + string.Join(" | ", results.Select(r => perItem(r)).Select(c =>
                Number(c.Values.Sum()) + " | " + Number(c.Where(p => !IsQueuePoll(p.Key)).Sum(p => p.Value)))) + " |");
    }

    private static void WritePhase(TextWriter output, IReadOnlyList<Dictionary<string, double>> columns, IReadOnlyList<SubjectResult> results)
    {
        output.WriteLine("| requests | " + string.Join(" | ", results.Select(r => r.Title)) + " |");
        output.WriteLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        output.WriteLine("| **total** | " + string.Join(" | ", columns.Select(c => "**" + Number(c.Values.Sum()) + "**")) + " |");
        output.WriteLine("| queue polls | " + string.Join(" | ", columns.Select(c => Number(c.Where(p => IsQueuePoll(p.Key)).Sum(p => p.Value)))) + " |");
        foreach (var service in new[] { "blob", "queue", "table" })
            output.WriteLine($"| {service} | " + string.Join(" | ",
                columns.Select(c => Number(c.Where(p => p.Key.StartsWith(service + " ", StringComparison.Ordinal)).Sum(p => p.Value)))) + " |");

        var operations = columns.SelectMany(c => c.Keys).Distinct()
            .Select(op => (op, Largest: columns.Max(c => c.GetValueOrDefault(op))))
            .Where(p => p.Largest >= 0.005)
            .OrderByDescending(p => p.Largest).ThenBy(p => p.op, StringComparer.Ordinal)
            .ToList();
        foreach (var (op, _) in operations.Take(TopOperations))
            output.WriteLine($"| `{op}` | " + string.Join(" | ", columns.Select(c => Number(c.GetValueOrDefault(op)))) + " |");
        if (operations.Count > TopOperations)
        {
            var rest = operations.Skip(TopOperations).Select(p => p.op).ToHashSet();
            output.WriteLine($"| {rest.Count} other operations | " + string.Join(" | ",
                columns.Select(c => Number(c.Where(p => rest.Contains(p.Key)).Sum(p => p.Value)))) + " |");
        }
    }

    internal static bool IsQueuePoll(string operation) =>
        operation.StartsWith("queue GET ", StringComparison.Ordinal) && operation.EndsWith("/messages", StringComparison.Ordinal);

    private static Dictionary<string, double> PerItem(Dictionary<string, double> counts, int items) =>
        counts.ToDictionary(p => p.Key, p => p.Value / items);

    private static string Number(double value) => value switch
    {
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
