namespace Orchestrator.Local.Commands;

/// <summary>
/// A plain-text table that fits a terminal width: columns get their natural width, and the
/// flexible ones (given as indexes) shrink, longest first, with values cut by "…".
/// </summary>
internal static class TextTable
{
    public const int DefaultWidth = 100;

    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows,
        int width = DefaultWidth, params int[] flexible)
    {
        var data = rows.Select(r => r.Select(c => Clean(c ?? "")).ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, data.Count == 0 ? 0 : data.Max(r => r[i].Length))).ToArray();
        const int gap = 2;
        var total = widths.Sum() + gap * (widths.Length - 1);
        var shrinkable = flexible.Length > 0 ? flexible : Enumerable.Range(0, widths.Length).ToArray();
        while (total > width)
        {
            var widest = shrinkable.OrderByDescending(i => widths[i]).First();
            if (widths[widest] <= Math.Max(6, headers[widest].Length)) break;
            widths[widest]--;
            total--;
        }
        output.WriteLine(Line(headers.ToArray(), widths).TrimEnd());
        foreach (var row in data) output.WriteLine(Line(row, widths).TrimEnd());
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => Fit(c, widths[i]).PadRight(widths[i])));

    public static string Fit(string value, int width) =>
        value.Length <= width ? value : width <= 1 ? "…" : value[..(width - 1)] + "…";

    private static string Clean(string value) => value.ReplaceLineEndings(" ").Replace('\t', ' ');
}

/// <summary>A one-line text progress bar, redrawn in place with a carriage return.</summary>
internal sealed class ProgressBar(TextWriter output, int total, string label)
{
    private const int BarWidth = 30;

    public void Report(int done, string counts)
    {
        var filled = total == 0 ? BarWidth : (int)Math.Round(BarWidth * (double)done / total);
        output.Write($"\r{label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{total} {counts}   ");
        output.Flush();
    }

    public void Done() => output.WriteLine();
}
