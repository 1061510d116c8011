using System.Globalization;

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

    public const string Usage =
        "usage: orchestrator bench [--items N (1000)] [--rounds R (2)] [--due-together M (N/10)] [--rate RPS (50)] " +
        "[--api-seconds S (20)] [--idle-seconds W (120)] [--only import,timers,idle,api] [--json FILE]";

    public int Due => DueTogether ?? Math.Max(1, Items / 10);

    public bool Runs(string scenario) => Scenarios is null || Scenarios.Contains(scenario);

    /// <summary>The options from the command line, or an <see cref="ArgumentException"/> naming the wrong one.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var a = CommandArgs.Parse(args, new HashSet<string>(), new HashSet<string>
            { "--items", "--rounds", "--due-together", "--rate", "--api-seconds", "--idle-seconds", "--only", "--json" });
        int Int(string name, int fallback) => a.Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Double(string name, double fallback) => a.Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var only = a.Value("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var options = new BenchOptions(Int("--items", 1000), Int("--rounds", 2),
            a.Value("--due-together") is null ? null : Int("--due-together", 0),
            Double("--rate", 50), Double("--api-seconds", 20), Double("--idle-seconds", 120), only, a.Value("--json"));
        if (options.Items is < 1 or > 50_000) throw new ArgumentException("--items must be between 1 and 50000");
        if (options.Rounds is < 1 or > 10) throw new ArgumentException("--rounds must be between 1 and 10");
        if (options.Due < 1 || options.Due > options.Items) throw new ArgumentException("--due-together must be between 1 and --items");
        if (options.RequestsPerSecond is <= 0 or > 1000) throw new ArgumentException("--rate must be above 0 and at most 1000");
        if (options.ApiSeconds is < 1 or > 3600) throw new ArgumentException("--api-seconds must be between 1 and 3600");
        if (options.IdleSeconds is < 10 or > 86400) throw new ArgumentException("--idle-seconds must be between 10 and 86400");
        if (only?.Except(AllScenarios).FirstOrDefault() is { } unknown)
            throw new ArgumentException($"--only: '{unknown}' is not a scenario (expected {string.Join(", ", AllScenarios)})");
        return options;
    }
}
