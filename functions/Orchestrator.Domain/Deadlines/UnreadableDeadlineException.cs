namespace Orchestrator.Domain.Deadlines;

/// <summary>A phrase the interpreter cannot read. It quotes the phrase and lists what is accepted:
/// guessing a date for an official deadline is worse than asking a person.</summary>
public sealed class UnreadableDeadlineException(string phrase, string reason)
    : Exception($"Cannot read the deadline \"{phrase}\": {reason}. Accepted forms: {string.Join("; ", DeadlineInterpreter.AcceptedForms)}.")
{
    public string Phrase { get; } = phrase;
    public string Reason { get; } = reason;
}
