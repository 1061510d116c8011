using System.CommandLine;

namespace Orchestrator.Local.Commands.Bench;

/// <summary>What <c>orchestrator bench</c> runs (see docs/benchmarks.md, <i>The bench verb</i>).</summary>
/// <param name="Items">N: items imported, and items waiting in the other scenarios.</param>
/// <param name="Rounds">Import rounds; each runs both sides, in alternating order, each on a fresh Azurite.</param>
/// <param name="DueTogether">M: items among the N whose first reminder falls on the same instant.</param>
/// <param name="RequestsPerSecond">Rate of each API endpoint's requests.</param>
/// <param name="ApiSeconds">How long each endpoint is called at that rate.</param>
/// <param name="IdleSeconds">How long the idle host is watched.</param>
/// <param name="Scenarios">Which of import, timers, idle, api to run (memory is read in every one).</param>
/// <param name="JsonPath">Where the JSON results go.</param>
public sealed record BenchOptions(
    int Items = 1000,
    int Rounds = 2,
    int? DueTogether = null,
    double RequestsPerSecond = 50,
    double ApiSeconds = 20,
    double IdleSeconds = 120,
    IReadOnlySet<string>? Scenarios = null,
    string? JsonPath = null)
{
    public static readonly IReadOnlyList<string> AllScenarios = ["import", "timers", "idle", "api"];

    public int Due => DueTogether ?? Math.Max(1, Items / 10);

    public bool Runs(string scenario) => Scenarios is null || Scenarios.Contains(scenario);

    /// <summary>The options as given on the command line: a wrong one is a <see cref="UsageException"/> naming it.</summary>
    public BenchOptions Checked()
    {
        if (Due < 1 || Due > Items) throw new UsageException("--due-together must be between 1 and --items");
        if (Scenarios?.Except(AllScenarios).FirstOrDefault() is { } unknown)
            throw new UsageException($"--only: '{unknown}' is not a scenario (expected {string.Join(", ", AllScenarios)})");
        return this;
    }

    public static Command Create(CliContext cli)
    {
        var line = new BenchCommandLine();
        return Verb.Create(cli, "bench", "Runs the scale benchmarks (import against the raw framework, timer lateness, API latency, idle, memory)",
            line.Symbols, line.Bind, (options, c, ct) => BenchmarkCommand.RunAsync(options, c.Out, c.Error, ct));
    }
}

/// <summary>The bench verb's options on the command line, and how they become <see cref="BenchOptions"/>.</summary>
public sealed class BenchCommandLine
{
    private readonly Option<int?> _items = CliOptions.Number("--items", "N: items imported, and items waiting in the other scenarios (default 1000)", 1, 50_000);
    private readonly Option<int?> _rounds = CliOptions.Number("--rounds", "Import rounds, each side on a fresh Azurite, alternating (default 2)", 1, 10);
    private readonly Option<int?> _due = CliOptions.Number("--due-together", "M: items whose first reminder falls on the same instant (default N/10)", 1);
    private readonly Option<double?> _rate = CliOptions.DecimalNumber("--rate", "Requests per second to each API endpoint (default 50)", 0, 1000, exclusiveMin: true);
    private readonly Option<double?> _apiSeconds = CliOptions.DecimalNumber("--api-seconds", "How long each endpoint is called (default 20)", 1, 3600);
    private readonly Option<double?> _idleSeconds = CliOptions.DecimalNumber("--idle-seconds", "How long the idle host is watched (default 120)", 10, 86400);
    private readonly Option<string?> _only = CliOptions.Text("--only", "Scenarios to run, comma-separated: " + string.Join(",", BenchOptions.AllScenarios), "LIST");
    private readonly Option<string?> _json = CliOptions.Text("--json", "Write the results as JSON to this file", "FILE");

    public IReadOnlyList<Symbol> Symbols => [_items, _rounds, _due, _rate, _apiSeconds, _idleSeconds, _only, _json];

    public BenchOptions Bind(ParseResult parse) =>
        new BenchOptions(parse.GetValue(_items) ?? 1000, parse.GetValue(_rounds) ?? 2, parse.GetValue(_due),
            parse.GetValue(_rate) ?? 50, parse.GetValue(_apiSeconds) ?? 20, parse.GetValue(_idleSeconds) ?? 120,
            parse.GetValue(_only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
            parse.GetValue(_json)).Checked();
}
