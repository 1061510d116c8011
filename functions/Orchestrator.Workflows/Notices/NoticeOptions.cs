using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Orchestrator.Workflows.Hosting;

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
    /// <summary>The sender of notices; required when <see cref="ApiKey"/> is set (see <see cref="SendGridOptionsValidator"/>).</summary>
    public string? FromEmail { get; set; }
    public string? FromName { get; set; }

    /// <summary>HTTP calls per send (first try included) before a 429/5xx is given up as Failed. Seven
    /// calls wait 2+4+8+16+32+60 s between them: a SendGrid outage of about two minutes delays notices
    /// without failing an item.</summary>
    [Range(1, 20), Display(Name = "SendGrid__MaxAttempts")]
    public int MaxAttempts { get; set; } = 7;
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

/// <summary>The sender is required once a key is set (no made-up default address goes to SendGrid),
/// addresses must be absolute, waits must be positive.</summary>
public sealed class SendGridOptionsValidator : IValidateOptions<SendGridOptions>
{
    public ValidateOptionsResult Validate(string? name, SendGridOptions options)
    {
        var failures = new List<string>();
        if (options.IsConfigured && !Settings.IsEmailAddress(options.FromEmail))
            failures.Add($"SendGrid__FromEmail: required when SendGrid__ApiKey is set: the sender of notices, an email address " +
                $"verified in SendGrid (got \"{options.FromEmail}\").");
        if (!Settings.IsEmptyOrHttpUrl(options.BaseUrl))
            failures.Add($"SendGrid__BaseUrl: empty (SendGrid's API) or an absolute http(s) URL such as http://127.0.0.1:3030 (got \"{options.BaseUrl}\").");
        foreach (var (setting, value) in new[]
                 {
                     ("MaxRetryWait", options.MaxRetryWait), ("RequestTimeout", options.RequestTimeout), ("PollInterval", options.PollInterval),
                 })
            if (value <= TimeSpan.Zero)
                failures.Add($"SendGrid__{setting}: a time span longer than zero, such as 00:00:30 (got {value}).");
        if (options.InitialBackoff < TimeSpan.Zero)
            failures.Add($"SendGrid__InitialBackoff: a time span of zero or more, such as 00:00:02 (got {options.InitialBackoff}).");
        return Settings.Result(failures);
    }
}

/// <summary>Settings <c>Links__*</c>: where action links point and how they are signed.</summary>
public sealed class LinkOptions
{
    public const string Section = "Links";
    public const int MinSecretLength = 32;

    /// <summary>Public base address of the API; links are <c>{BaseUrl}/act/{token}</c>. Unset (empty):
    /// the host's own address (<see cref="IHostAddress"/>).</summary>
    public string? BaseUrl { get; set; }
    /// <summary>Checked by <see cref="LinkOptionsValidator"/>.</summary>
    public string? SigningSecret { get; set; }
    [Range(1, 3650), Display(Name = "Links__ValidDays")]
    public int ValidDays { get; set; } = 30;
}

/// <summary>The signing secret must be long enough to resist guessing; the message says how to set one.</summary>
public sealed class LinkOptionsValidator : IValidateOptions<LinkOptions>
{
    public ValidateOptionsResult Validate(string? name, LinkOptions options)
    {
        var failures = new List<string>();
        var secret = options.SigningSecret;
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < LinkOptions.MinSecretLength)
            failures.Add(
                $"Links__SigningSecret: {(string.IsNullOrWhiteSpace(secret) ? "is missing" : $"is only {secret.Length} characters long")}; " +
                $"action links in notices are signed with it and it must be at least {LinkOptions.MinSecretLength} characters. " +
                "Set it in local.settings.json (\"Links__SigningSecret\": \"...\"), as an environment variable Links__SigningSecret, " +
                "or in Key Vault as Links--SigningSecret; generate one with: openssl rand -base64 48");
        else if (Settings.IsUnresolvedKeyVaultReference(secret))
            failures.Add("Links__SigningSecret: is a Key Vault reference the platform could not resolve (" + secret +
                "); check the app's identity has Key Vault Secrets User on the vault and that the secret exists.");
        if (!Settings.IsEmptyOrHttpUrl(options.BaseUrl))
            failures.Add($"Links__BaseUrl: empty (the host's own address) or an absolute http(s) URL such as " +
                $"https://func-app.azurewebsites.net (got \"{options.BaseUrl}\").");
        return Settings.Result(failures);
    }
}
