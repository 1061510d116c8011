using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Tests;

public class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly SendGridOptions Options = new() { InitialBackoff = TimeSpan.FromSeconds(2), MaxRetryWait = TimeSpan.FromSeconds(30) };

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] values)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        foreach (var (n, v) in values) response.Headers.TryAddWithoutValidation(n, v);
        return response.Headers;
    }

    [Fact]
    public void Retry_after_seconds_is_respected() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.For(Headers(("Retry-After", "7")), 1, Options, Now));

    [Fact]
    public void Rate_limit_reset_is_respected() =>
        Assert.Equal(TimeSpan.FromSeconds(12), RetryDelay.For(Headers(("X-RateLimit-Reset", Now.AddSeconds(12).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))), 1, Options, Now));

    [Fact]
    public void Waits_are_capped() =>
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.For(Headers(("Retry-After", "3600")), 1, Options, Now));

    [Fact]
    public void Without_headers_the_back_off_doubles() =>
        Assert.Equal([2, 4, 8, 16, 30], Enumerable.Range(1, 5).Select(a => RetryDelay.For(Headers(), a, Options, Now).TotalSeconds));

    [Fact]
    public void A_reset_in_the_past_means_no_wait() =>
        Assert.Equal(TimeSpan.Zero, RetryDelay.For(Headers(("X-RateLimit-Reset", Now.AddSeconds(-5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))), 1, Options, Now));
}
