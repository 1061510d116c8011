using System.CommandLine;

namespace Orchestrator.Local.Commands;

/// <summary>
/// Builds one verb: its arguments and options, how a parse result becomes the verb's options
/// record, and the method that runs it. A <see cref="UsageException"/> from either ends as exit 1
/// with the message and a pointer to the verb's help, the same as a parse error.
/// </summary>
public static class Verb
{
    public static Command Create<TOptions>(CliContext cli, string name, string description, IEnumerable<Symbol> symbols,
        Func<ParseResult, TOptions> bind, Func<TOptions, CliContext, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option: command.Options.Add(option); break;
                case Argument argument: command.Arguments.Add(argument); break;
                default: throw new ArgumentException($"{symbol.Name}: a verb takes options and arguments only", nameof(symbols));
            }
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await run(bind(parse), cli, cancellationToken);
            }
            catch (UsageException e)
            {
                await cli.Error.WriteLineAsync($"{name}: {e.Message}");
                await cli.Error.WriteLineAsync($"Run 'orchestrator {name} --help' for its usage.");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    /// <summary>For a verb that writes to one output (the shape of the verbs other features add).</summary>
    public static Command Create<TOptions>(CliContext cli, string name, string description, IEnumerable<Symbol> symbols,
        Func<ParseResult, TOptions> bind, Func<TOptions, TextWriter, CancellationToken, Task<int>> run) =>
        Create(cli, name, description, symbols, bind, (TOptions options, CliContext c, CancellationToken ct) => run(options, c.Out, ct));
}
