using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// Storage that does not answer (Azurite stopped, a network fault, an outage) is the service being
/// unavailable for a while, not a fault of the request nor a bug: both hosts answer it with 503
/// and this problem instead of a 500, and the next request tries storage again.
/// </summary>
public static class StorageUnavailable
{
    /// <summary>True when <paramref name="exception"/>, or one it wraps, says storage could not be reached or is busy.</summary>
    public static bool Matches(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Any(Matches), // the SDK's "retry failed after N tries"
        HttpRequestException or SocketException => true,
        Azure.RequestFailedException { Status: StatusCodes.Status503ServiceUnavailable } => true,
        _ => exception.InnerException is { } inner && Matches(inner),
    };

    public static IResult Problem() => ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, "Storage is unavailable",
        "The table and queue storage (setting AzureWebJobsStorage) did not answer. Nothing was changed; try again " +
        "once it is back (locally: is Azurite running?).");
}
