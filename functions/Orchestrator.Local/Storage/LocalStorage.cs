using Microsoft.Extensions.Logging;

namespace Orchestrator.Local.Storage;

/// <summary>
/// Makes sure the configured storage answers before the host starts: when it names a loopback
/// emulator that is not running and <c>Azurite:AutoStart</c> is on, starts Azurite on the same
/// ports, with its data in <c>Azurite:Location</c>.
/// </summary>
public static class LocalStorage
{
    public static async Task<AzuriteServer?> EnsureAsync(IConfiguration configuration, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        var connectionString = configuration[Orchestrator.Workflows.Storage.StorageConnection.SettingName];
        if (string.IsNullOrWhiteSpace(connectionString)) return null;
        var endpoints = StorageEndpoints.FromConnectionString(connectionString);
        if (endpoints is null || await endpoints.AreReachableAsync(cancellationToken)) return null;

        if (!configuration.GetValue("Azurite:AutoStart", true))
            throw new InvalidOperationException(
                $"Storage at {endpoints.Table.GetLeftPart(UriPartial.Authority)} does not answer and Azurite:AutoStart is off. " +
                "Start Azurite (npx azurite in infra/local) or turn Azurite__AutoStart on.");

        var location = configuration["Azurite:Location"] is { Length: > 0 } configured ? configured : ".azurite";
        if (!Path.IsPathRooted(location))
            location = Path.GetFullPath(Path.Combine(LocalPackageFolder.Find(), "..", "..", location));

        LocalLog.StartingAzurite(logger, location);
        return await AzuriteServer.StartAsync(location, endpoints.Blob.Port, endpoints.Queue.Port, endpoints.Table.Port,
            new LoggerWriter(logger), cancellationToken);
    }

    private sealed class LoggerWriter(ILogger logger) : StringWriter
    {
        public override void WriteLine(string? value) => LocalLog.AzuriteOutput(logger, value);
    }
}
