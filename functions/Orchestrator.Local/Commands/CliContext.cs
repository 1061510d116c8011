namespace Orchestrator.Local.Commands;

/// <summary>
/// What a verb runs with: where it writes, and the parts tests replace (the admin verbs' HTTP
/// handler, the clock that relative times such as "24h" count back from).
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public HttpMessageHandler? HttpHandler { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public static CliContext ForConsole() => new(Console.Out, Console.Error);
}

/// <summary>The exit codes every verb uses (docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A usage error: a bad option, or a file an option names that cannot be read.</summary>
    public const int Usage = 1;
    /// <summary>The input was read but refused (an invalid directive, an unreadable phrase), or the API refused or could not be reached.</summary>
    public const int Refused = 2;
    /// <summary>A bulk run finished with failed instances.</summary>
    public const int PartlyFailed = 3;
}

/// <summary>A usage error found once the options are parsed (a file that cannot be read, a missing key): exit 1 with the message.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
