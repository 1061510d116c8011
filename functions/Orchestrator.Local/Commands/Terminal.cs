using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orchestrator.Local.Commands;

/// <summary>
/// Tables and progress through Spectre.Console. On a terminal they take its width (and colours);
/// written to a pipe, a file or a test's writer they are plain text at a fixed width, so the output
/// is the same wherever it is read.
/// </summary>
public static class Terminal
{
    /// <summary>The width when the output is not a terminal.</summary>
    public const int RedirectedWidth = 100;

    public static IAnsiConsole For(TextWriter writer)
    {
        var terminal = IsTerminal(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = RedirectedWidth;
        return console;
    }

    public static int Width(TextWriter writer) => For(writer).Profile.Width;

    /// <summary>A borderless table: a header row, then one line per row (so it greps); Spectre shares the
    /// width out, and a cell longer than its column is cut with "…".</summary>
    public static void WriteTable(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new Table { Border = TableBorder.None };
        foreach (var header in headers) table.AddColumn(new TableColumn(new Text(header)) { Padding = new Padding(0, 0, 2, 0) });
        foreach (var row in rows)
            table.AddRow(row.Select(cell => (IRenderable)new OneLine(Clean(cell ?? ""))).ToArray());
        For(writer).Write(table);
    }

    /// <summary>A line cut to the output's width with "…".</summary>
    public static string Fit(string line, TextWriter writer) => Fit(line, Width(writer));

    public static string Fit(string value, int width) =>
        value.Length <= width ? value : width <= 1 ? "…" : value[..(width - 1)] + "…";

    private static string Clean(string value) => value.ReplaceLineEndings(" ").Replace('\t', ' ');

    private static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected) ||
        (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>A cell that never wraps (Spectre's Text wraps at spaces): it may shrink to a dozen
    /// columns, and is cut with "…" where it does not fit.</summary>
    private sealed class OneLine(string text) : Renderable
    {
        private const int ShortestCut = 12;
        private readonly int _width = new Segment(text).CellCount();

        protected override Measurement Measure(RenderOptions options, int maxWidth) => new(Math.Min(_width, ShortestCut), _width);

        protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            yield return new Segment(_width <= maxWidth ? text : Fit(text, maxWidth));
        }
    }
}
