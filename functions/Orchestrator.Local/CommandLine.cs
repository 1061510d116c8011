using Microsoft.Extensions.Options;

namespace Orchestrator.Local;

/// <summary>Dispatches the executable's verbs. No verb means: run the local host.</summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["serve"] = ServeAsync,
        ["deadline"] = args => Task.FromResult(Commands.DeadlineCommand.Run(args, Console.Out, Console.Error)),
        ["plan"] = args => Task.FromResult(Commands.PlanCommand.Run(args, Console.Out, Console.Error)),
        ["draft"] = args => Commands.DraftCommand.RunAsync(args, Console.Out, Console.Error),
        ["demo"] = args => Commands.DemoCommand.RunAsync(args, Console.Out, Console.Error),
        ["bench-storage"] = args => Commands.BenchStorageCommand.RunAsync(args, Console.Out, Console.Error),
        ["bench-queries"] = args => Commands.BenchQueriesCommand.RunAsync(args, Console.Out, Console.Error),
        ["agencies"] = args => Commands.AgencyCommand.RunAsync(args, Console.Out, Console.Error),
        ["bench"] = args => Commands.Bench.BenchmarkCommand.RunAsync(args, Console.Out, Console.Error),
        ["report"] = args => Commands.ReportCommand.RunAsync(args, Console.Out, Console.Error),
    };

    static CommandLine()
    {
        foreach (var name in Commands.AdminCommand.VerbNames)
            Verbs[name] = args => Commands.AdminCommand.RunAsync(name, args, Console.Out, Console.Error);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return await ServeAsync(args);
        if (args[0] is "help" or "--help" or "-h") return Help(Console.Out, 0);
        if (!Verbs.TryGetValue(args[0], out var verb))
        {
            Console.Error.WriteLine($"Unknown command '{args[0]}'.");
            return Help(Console.Error, 1); // a usage error, as for every verb
        }
        return await verb(args[1..]);
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        try
        {
            await using var host = await LocalHost.CreateAsync(args);
            await host.RunAsync();
            return 0;
        }
        catch (Exception e) when (SettingsFailures(e) is { } failures)
        {
            Console.Error.WriteLine("The local host could not start: invalid settings:");
            foreach (var failure in failures) Console.Error.WriteLine("  " + failure);
            return 1;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("The local host could not start: " + e.Message);
            return 1;
        }
    }

    /// <summary>Each failure of the settings validation run at start-up (one section's, or several
    /// sections' at once); null for any other exception.</summary>
    private static IReadOnlyList<string>? SettingsFailures(Exception e) => e switch
    {
        OptionsValidationException invalid => invalid.Failures.ToList(),
        AggregateException { InnerExceptions: var inner } when inner.All(i => i is OptionsValidationException) =>
            inner.Cast<OptionsValidationException>().SelectMany(i => i.Failures).ToList(),
        _ => null,
    };

    private static int Help(TextWriter output, int exitCode)
    {
        output.WriteLine("""
            Usage: orchestrator [serve] [--urls http://127.0.0.1:7071]   run the local host (the default)
                   orchestrator <command> [options]                       see docs/cli.md for every command
            Commands: serve
                      deadline "<phrase>" --issued YYYY-MM-DD [--json]
                      plan <directive.json> [--json]
                      draft <letter.txt|.docx|.pdf> [--out draft.json]
                      demo [--seconds-per-day N] [--minutes M]
                      bench-storage [--items N] [--polling-seconds S] [--idle-seconds W] [--only project|raw]
                      bench [--items N] [--rounds R] [--due-together M] [--rate RPS] [--api-seconds S] [--idle-seconds W]
                            [--only import,timers,idle,api] [--json FILE]
                      bench-queries [--items N] [--rounds R] [--page-size P]
                      report --month YYYY-MM --out report.xlsx|report.html [--directive ID] [--url URL] [--key KEY]
            Operations (admin API of either host; --url, --key or ORCHESTRATOR_ADMIN_KEY):
                      failed | show <id> | rewind | restart | terminate | purge | audit
                      agencies list | show <code> | add | edit <code> | export | import   (the agency directory)
                      (an action takes an instance id, or filters and --dry-run for a bulk run)
            """);
        return exitCode;
    }
}
