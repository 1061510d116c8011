using Orchestrator.Workflows.Notices;

namespace Orchestrator.Functions.Hosting;

/// <summary>
/// The Functions app's own address from WEBSITE_HOSTNAME, which App Service sets to the site's
/// host name (Core Tools to localhost:7071); https except on the local machine.
/// </summary>
internal sealed class SiteAddress : IHostAddress
{
    public string? BaseUrl => Environment.GetEnvironmentVariable("WEBSITE_HOSTNAME") is { Length: > 0 } host
        ? (host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.0.0.1", StringComparison.Ordinal)
            ? "http://" : "https://") + host
        : null;
}
