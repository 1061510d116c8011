using System.Net.Http.Headers;

namespace Orchestrator.Workflows.Notices;

/// <summary>How long to wait before retrying a 429 or 5xx: the response's Retry-After (seconds or
/// date), else its X-RateLimit-Reset (Unix seconds, SendGrid's rate-limit header), else exponential
/// back-off from <see cref="SendGridOptions.InitialBackoff"/>; never more than
/// <see cref="SendGridOptions.MaxRetryWait"/>, never negative.</summary>
public static class RetryDelay
{
    public static TimeSpan For(HttpResponseHeaders? headers, int failedAttempts, SendGridOptions options, DateTimeOffset now)
    {
        TimeSpan? asked = null;
        if (headers?.RetryAfter is { } retryAfter)
            asked = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : null);
        else if (headers is not null && headers.TryGetValues("X-RateLimit-Reset", out var values)
                 && long.TryParse(values.FirstOrDefault(), out var resetUnix))
            asked = DateTimeOffset.FromUnixTimeSeconds(resetUnix) - now;

        var wait = asked ?? options.InitialBackoff * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > options.MaxRetryWait ? options.MaxRetryWait : wait;
    }
}
