using System.Text.RegularExpressions;
using Microsoft.DurableTask;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// Which failures of an item's activity pass by themselves, so that the orchestration retries the
/// activity on a durable timer instead of failing the item: storage that does not answer (Azurite
/// restarting, a network fault: the storage SDK's "retry failed after N tries", refused
/// connections, timeouts), a busy or failing service (5xx, 408, 429) and lost races (409, 412).
/// Everything else (a missing table, a bad request, a bug, a notice SendGrid refused) fails the
/// item at once, for an operator to look at and replay. The orchestration sees only the failure's
/// type name and message (<see cref="TaskFailureDetails"/>), so that is what is read here; it is the
/// counterpart of <c>Api.StorageUnavailable</c>, which reads the exception itself.
/// </summary>
public static partial class PassingFailure
{
    public static bool Matches(TaskFailureDetails? failure) => failure is not null && (failure.ErrorType switch
    {
        "System.AggregateException" or "System.Net.Http.HttpRequestException" or "System.Net.Sockets.SocketException"
            or "System.IO.IOException" or "System.TimeoutException" or "System.Threading.Tasks.TaskCanceledException" => true,
        "Azure.RequestFailedException" => !PermanentClientError().IsMatch(failure.ErrorMessage),
        _ => false,
    } || Matches(failure.InnerFailure));

    /// <summary>A 4xx status in the storage SDK's message ("Status: 404 (Not Found)"), except 408, 409, 412 and 429.</summary>
    [GeneratedRegex(@"Status: 4(?!08|09|12|29)\d\d\b")]
    private static partial Regex PermanentClientError();
}
