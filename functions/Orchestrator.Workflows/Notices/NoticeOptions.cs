namespace Orchestrator.Workflows.Notices;

/// <summary>Settings <c>SendGrid__*</c>. An empty <see cref="ApiKey"/> means "do not send": every
/// notice is written to the outbox table with state NotSent, which is how local users read them.</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    public string? ApiKey { get; set; }
    /// <summary>Empty: SendGrid's own API. Set (e.g. a test server): the client talks to
    /// <c>{BaseUrl}/v3/mail/send</c>.</summary>
    public string? BaseUrl { get; set; }
    public string FromEmail { get; set; } = "no-reply@example.org";
    public string? FromName { get; set; }

    /// <summary>HTTP calls per send (first try included) before a 429/5xx is given up as Failed.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Back-off before the second attempt when the response names no wait; doubles after.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>No single wait is longer than this, whatever Retry-After / X-RateLimit-Reset say.</summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Timeout of one HTTP call. A call that times out has an unknown outcome.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often a concurrent run polls a row another run is sending.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>Settings <c>Links__*</c>: where action links point and how they are signed.</summary>
public sealed class LinkOptions
{
    public const string Section = "Links";
    public const int MinSecretLength = 32;

    /// <summary>Public base address of the API; links are <c>{BaseUrl}/act/{token}</c>. Unset (empty):
    /// the host's own address (<see cref="IHostAddress"/>).</summary>
    public string? BaseUrl { get; set; }
    public string? SigningSecret { get; set; }
    public int ValidDays { get; set; } = 30;

    /// <summary>Throws with a message that says how to fix it when the secret is missing or short.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SigningSecret) || SigningSecret.Length < MinSecretLength)
            throw new InvalidOperationException(
                $"Setting 'Links__SigningSecret' is {(string.IsNullOrWhiteSpace(SigningSecret) ? "missing" : $"only {SigningSecret.Length} characters long")}: " +
                $"action links in notices are signed with it and it must be at least {MinSecretLength} characters. " +
                "Set it in local.settings.json (\"Links__SigningSecret\": \"...\"), as an environment variable Links__SigningSecret, " +
                "or in Key Vault as Links--SigningSecret; generate one with: openssl rand -base64 48");
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
            throw new InvalidOperationException($"Setting 'Links__BaseUrl' must be an absolute URL such as https://func-app.azurewebsites.net (was \"{BaseUrl}\").");
        if (ValidDays <= 0)
            throw new InvalidOperationException($"Setting 'Links__ValidDays' must be a positive number of days (was {ValidDays}).");
    }
}
