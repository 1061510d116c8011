namespace Orchestrator.Workflows.Notices;

/// <summary>
/// The address a host is reached at, for action links when <c>Links__BaseUrl</c> is not set. Each
/// host knows its own: the local host the address it actually listens on, the Functions app its
/// site name.
/// </summary>
public interface IHostAddress
{
    /// <summary>The last resort when the host cannot tell: the local host's default address.</summary>
    const string Fallback = "http://127.0.0.1:7071";

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:7071</c>; null when not known (yet).</summary>
    string? BaseUrl { get; }
}
