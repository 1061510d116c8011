using System.Net.Sockets;
using Azure;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Workflows.Tests;

/// <summary>Which failures both hosts answer with 503 "storage is unavailable" rather than 500.</summary>
public class StorageUnavailableTests
{
    private static RequestFailedException Refused() =>
        new(0, "Connection refused (127.0.0.1:10002)", new HttpRequestException("Connection refused", new SocketException(111)));

    [Fact]
    public void A_refused_connection_and_the_sdks_exhausted_retries_over_it_are_storage_being_down()
    {
        Assert.True(StorageUnavailable.Matches(Refused()));
        Assert.True(StorageUnavailable.Matches(new AggregateException("Retry failed after 4 tries.", Refused(), Refused())));
        Assert.True(StorageUnavailable.Matches(new InvalidOperationException("wrapped", Refused())));
        Assert.True(StorageUnavailable.Matches(new RequestFailedException(503, "Server busy")));
    }

    [Fact]
    public void Answers_from_a_storage_that_is_up_are_not()
    {
        Assert.False(StorageUnavailable.Matches(new RequestFailedException(404, "Not found")));
        Assert.False(StorageUnavailable.Matches(new RequestFailedException(409, "Conflict")));
        Assert.False(StorageUnavailable.Matches(new InvalidOperationException("a bug")));
    }
}
