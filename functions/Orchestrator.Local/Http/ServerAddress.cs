using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Local.Http;

/// <summary>
/// The local host's own address: the first one Kestrel listens on, known once it has started (with
/// port 0 or --urls it is not 7071). A wildcard host (0.0.0.0, [::], +, *) becomes localhost.
/// </summary>
internal sealed class ServerAddress(IServer server) : IHostAddress
{
    public string? BaseUrl
    {
        get
        {
            var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (first is null) return null;
            var uri = new Uri(first.Replace("://+", "://localhost").Replace("://*", "://localhost"));
            var host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
            return $"{uri.Scheme}://{host}:{uri.Port}";
        }
    }
}
