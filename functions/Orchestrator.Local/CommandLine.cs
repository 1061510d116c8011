using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.Extensions.Options;
using Orchestrator.Local.Commands;

namespace Orchestrator.Local;

/// <summary>
/// The executable's verbs on System.CommandLine: each has --help, takes "--name value" and
/// "--name=value", and a usage error (an unknown verb or option, a bad value) prints the error and
/// the verb's help on stderr and exits 1. No verb, or only host options such as --urls, means
/// <c>serve</c>.
/// </summary>
public static class CommandLine
{
    /// <summary>
    /// Every verb. Adding one is one line here: <c>Verb.Create(cli, name, description, options,
    /// parse =&gt; new XOptions(...), XCommand.RunAsync)</c>, or a <c>Create(cli)</c> on the verb's class.
    /// </summary>
    private static IEnumerable<Command> Verbs(CliContext cli) =>
    [
        Serve(cli),
        DeadlineCommand.Create(cli),
        PlanCommand.Create(cli),
        DemoCommand.Create(cli),
        BenchStorageCommand.Create(cli),
        Commands.Bench.BenchOptions.Create(cli),
        BenchQueriesCommand.Create(cli),
        DraftCommand.Create(cli),
        ReportCommand.Create(cli),
        AgencyCommand.Create(cli),
        CalendarCommand.Create(cli),
        .. AdminCommand.Create(cli),
    ];

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliContext.ForConsole());

    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken = default)
    {
        var root = new Command("orchestrator", "Durable deadline tracking for directives: the local host and its command-line verbs (docs/cli.md)")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var verb in Verbs(cli)) root.Subcommands.Add(verb);

        var parse = root.Parse(ServesByDefault(args) ? ["serve", .. args] : args);
        // A usage error goes with the verb's help to stderr, so stdout stays clean for --json readers.
        var invocation = new InvocationConfiguration
        {
            Output = parse.Errors.Count > 0 ? cli.Error : cli.Out,
            Error = cli.Error,
            // Ctrl+C is the host's to handle (it drains and stops Azurite); a verb ends with the process.
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }

    private static readonly string[] RootOptions = ["-h", "--help", "-?", "/?", "/h", "--version"];

    private static bool ServesByDefault(string[] args) => args.Length == 0 || (args[0].StartsWith('-') && !RootOptions.Contains(args[0]));

    private static Command Serve(CliContext cli)
    {
        var serve = new Command("serve",
            "Runs the local host (the default with no verb). Host options pass through: --urls URL, or any setting as --Section:Key=value")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((parse, _) => ServeAsync([.. parse.UnmatchedTokens], cli.Error));
        return serve;
    }

    private static async Task<int> ServeAsync(string[] args, TextWriter stderr)
    {
        try
        {
            await using var host = await LocalHost.CreateAsync(args);
            await host.RunAsync();
            return ExitCodes.Ok;
        }
        catch (Exception e) when (SettingsFailures(e) is { } failures)
        {
            await stderr.WriteLineAsync("The local host could not start: invalid settings:");
            foreach (var failure in failures) await stderr.WriteLineAsync("  " + failure);
            return ExitCodes.Usage;
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync("The local host could not start: " + e.Message);
            return ExitCodes.Usage;
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
}
