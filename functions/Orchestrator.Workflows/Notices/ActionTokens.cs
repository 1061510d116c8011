using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Workflows.Notices;

/// <summary>What a recipient may do from a notice's link.</summary>
public enum NoticeAction
{
    /// <summary>Report completion (with the number of the report).</summary>
    Complete,
    /// <summary>Report progress.</summary>
    Progress,
    /// <summary>Ask for an extension.</summary>
    Extend,
}

/// <summary>What a valid token says: who may do what to which item, until when.</summary>
public sealed record ActionClaims(string InstanceId, NoticeAction Action, string Recipient, DateTimeOffset ExpiresUtc);

public enum ActionTokenStatus
{
    Valid,
    /// <summary>Not a token of ours: wrong shape, bad encoding, or a signature that does not match
    /// (a changed payload, a changed signature, another secret). HTTP 401.</summary>
    Invalid,
    /// <summary>Genuine but past its expiry. HTTP 403.</summary>
    Expired,
    /// <summary>Genuine but made for another action. HTTP 403.</summary>
    WrongAction,
    /// <summary>Genuine but made for another item. HTTP 403.</summary>
    ForeignItem,
}

public sealed record ActionTokenResult(ActionTokenStatus Status, ActionClaims? Claims, string Reason)
{
    public bool IsValid => Status == ActionTokenStatus.Valid;

    /// <summary>200 when valid, 401 when not ours, 403 when ours but not usable here or now.</summary>
    public int HttpStatus => Status switch
    {
        ActionTokenStatus.Valid => 200,
        ActionTokenStatus.Invalid => 401,
        _ => 403,
    };
}

/// <summary>The three links a notice carries for its recipient.</summary>
public sealed record NoticeLinks(string Complete, string Progress, string Extend, DateTimeOffset ExpiresUtc);

/// <summary>
/// Signed action links. A token is <c>base64url(payload JSON) + "." + base64url(HMAC-SHA256(secret,
/// first part))</c>; the payload holds the item's instance id, the action, the recipient's email
/// and the expiry (Unix seconds). Nothing is stored server-side: the signature is the proof.
/// </summary>
public sealed class ActionTokens
{
    private readonly byte[] _key;
    private readonly LinkOptions _options;
    private readonly TimeProvider _time;

    private readonly IHostAddress? _host;

    /// <param name="host">Where links point when <see cref="LinkOptions.BaseUrl"/> is unset.</param>
    public ActionTokens(LinkOptions options, TimeProvider? time = null, IHostAddress? host = null)
    {
        options.Validate();
        _options = options;
        _host = host;
        _key = Encoding.UTF8.GetBytes(options.SigningSecret!);
        _time = time ?? TimeProvider.System;
    }

    public string CreateToken(string instanceId, NoticeAction action, string recipient, DateTimeOffset? expiresUtc = null)
    {
        var expires = expiresUtc ?? DefaultExpiry();
        var payload = new Payload(instanceId, ActionName(action), recipient.Trim().ToLowerInvariant(), expires.ToUnixTimeSeconds());
        var encoded = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload));
        return encoded + "." + Base64Url.EncodeToString(Sign(encoded));
    }

    public string UrlFor(string token) => BaseUrl().TrimEnd('/') + "/act/" + token;

    private string BaseUrl() =>
        !string.IsNullOrWhiteSpace(_options.BaseUrl) ? _options.BaseUrl
        : _host?.BaseUrl ?? IHostAddress.Fallback;

    /// <summary>The complete / progress / extension links for one recipient of one item.</summary>
    public NoticeLinks LinksFor(string instanceId, string recipient)
    {
        var expires = DefaultExpiry();
        string Url(NoticeAction a) => UrlFor(CreateToken(instanceId, a, recipient, expires));
        return new NoticeLinks(Url(NoticeAction.Complete), Url(NoticeAction.Progress), Url(NoticeAction.Extend), expires);
    }

    /// <summary>Checks the signature (constant time), then expiry, then, when given, that the token
    /// was made for <paramref name="expectedAction"/> and <paramref name="expectedInstanceId"/>.</summary>
    public ActionTokenResult Validate(string? token, NoticeAction? expectedAction = null, string? expectedInstanceId = null)
    {
        static ActionTokenResult Bad(string reason) => new(ActionTokenStatus.Invalid, null, reason);
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return Bad("The link is not valid.");
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1) return Bad("The link is not valid.");
        var encodedPayload = token[..dot];
        byte[] signature;
        try { signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1)); }
        catch (FormatException) { return Bad("The link is not valid."); }
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(encodedPayload)))
            return Bad("The link is not valid: it has been changed or was not issued by this system.");

        Payload? payload;
        try { payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(encodedPayload)); }
        catch (Exception e) when (e is FormatException or JsonException) { return Bad("The link is not valid."); }
        if (payload is null || payload.InstanceId is not { Length: > 0 } || payload.Recipient is null || ParseAction(payload.Action) is not { } action)
            return Bad("The link is not valid.");

        var claims = new ActionClaims(payload.InstanceId, action, payload.Recipient, DateTimeOffset.FromUnixTimeSeconds(payload.Expires));
        if (_time.GetUtcNow() >= claims.ExpiresUtc)
            return new(ActionTokenStatus.Expired, claims, $"The link expired on {claims.ExpiresUtc:yyyy-MM-dd HH:mm} UTC.");
        if (expectedAction is { } expected && expected != action)
            return new(ActionTokenStatus.WrongAction, claims, $"The link is for '{ActionName(action)}', not '{ActionName(expected)}'.");
        if (expectedInstanceId is not null && !string.Equals(expectedInstanceId, claims.InstanceId, StringComparison.Ordinal))
            return new(ActionTokenStatus.ForeignItem, claims, "The link was issued for another item.");
        return new(ActionTokenStatus.Valid, claims, "ok");
    }

    public static string ActionName(NoticeAction action) => action switch
    {
        NoticeAction.Complete => "complete",
        NoticeAction.Progress => "progress",
        NoticeAction.Extend => "extend",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static NoticeAction? ParseAction(string? name) => name switch
    {
        "complete" => NoticeAction.Complete,
        "progress" => NoticeAction.Progress,
        "extend" => NoticeAction.Extend,
        _ => null,
    };

    private DateTimeOffset DefaultExpiry()
    {
        var expires = _time.GetUtcNow().AddDays(_options.ValidDays);
        return DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds());
    }

    private byte[] Sign(string encodedPayload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(encodedPayload));

    private sealed record Payload(
        [property: JsonPropertyName("i")] string InstanceId,
        [property: JsonPropertyName("a")] string Action,
        [property: JsonPropertyName("r")] string Recipient,
        [property: JsonPropertyName("e")] long Expires);
}
