using Microsoft.DurableTask;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Workflows.Tests;

/// <summary>Which activity failures the item orchestration retries on a timer (storage passing by) and which fail the item.</summary>
public sealed class PassingFailureTests
{
    private static TaskFailureDetails Failure(string type, string message, TaskFailureDetails? inner = null) => new(type, message, null, inner, null);

    [Theory]
    [InlineData("Azure.RequestFailedException", "Service Unavailable\nStatus: 503 (Service Unavailable)\nErrorCode: ServerBusy")]
    [InlineData("Azure.RequestFailedException", "Connection refused (127.0.0.1:10002)")]
    [InlineData("Azure.RequestFailedException", "Operation could not be completed within the specified time.\nStatus: 408 (Request Timeout)")]
    [InlineData("Azure.RequestFailedException", "Too many requests\nStatus: 429 (Too Many Requests)")]
    [InlineData("Azure.RequestFailedException", "The update condition specified in the request was not satisfied.\nStatus: 412 (Precondition Failed)")]
    [InlineData("System.AggregateException", "Retry failed after 4 tries. (Connection refused (127.0.0.1:10002))")]
    [InlineData("System.Net.Http.HttpRequestException", "Connection refused (127.0.0.1:10002)")]
    [InlineData("System.Threading.Tasks.TaskCanceledException", "The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.")]
    public void Storage_that_does_not_answer_or_is_busy_is_retried(string type, string message) =>
        Assert.True(PassingFailure.Matches(Failure(type, message)));

    [Theory]
    [InlineData("Azure.RequestFailedException", "The table specified does not exist.\nStatus: 404 (Not Found)\nErrorCode: TableNotFound")]
    [InlineData("Azure.RequestFailedException", "The request body is too large.\nStatus: 413 (Request Entity Too Large)")]
    [InlineData("Orchestrator.Workflows.Notices.NoticeFailedException", "Notice x|escalation-1 was not sent after 7 attempt(s): SendGrid answered 500")]
    [InlineData("System.InvalidOperationException", "Directive 2026-1-VPCP-KTTH has no tracked item 9.")]
    public void A_bug_a_refusal_or_a_missing_table_fails_the_item(string type, string message) =>
        Assert.False(PassingFailure.Matches(Failure(type, message)));

    [Fact]
    public void A_passing_cause_inside_another_failure_is_retried() =>
        Assert.True(PassingFailure.Matches(Failure("System.InvalidOperationException", "reading the directive failed",
            Failure("System.Net.Sockets.SocketException", "Connection refused"))));
}
