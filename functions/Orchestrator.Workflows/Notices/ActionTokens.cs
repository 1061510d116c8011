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

/// <summary>What a valid token says: who may do what to which item, until when, and the item's
/// link epoch when the link was issued (see <see cref="ActionLinkStore"/>; 0 for links issued
/// before epochs existed).</summary>
public sealed record ActionClaims(string InstanceId, NoticeAction Action, string Recipient, DateTimeOffset ExpiresUtc, int LinkEpoch = 0);

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

/// <param name="LinkId">For a genuine token: the signature, re-encoded canonically. It names this one
/// link (a random nonce makes every issued link distinct) and keys its use record.</param>
public sealed record ActionTokenResult(ActionTokenStatus Status, ActionClaims? Claims, string Reason, string? LinkId = null)
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
/// first part))</c>; the payload holds the item's instance id, the action, the recipient's email,
/// the expiry (Unix seconds), the item's link epoch and a random nonce. The signature proves who
/// may act; whether the link is still usable (not used yet, epoch still current) is kept in
/// <see cref="ActionLinkStore"/> and checked by the /act handler.
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
        // The secret's rules are checked when the host starts (LinkOptionsValidator).
        ArgumentException.ThrowIfNullOrEmpty(options.SigningSecret);
        _options = options;
        _host = host;
        _key = Encoding.UTF8.GetBytes(options.SigningSecret!);
        _time = time ?? TimeProvider.System;
    }

    public string CreateToken(string instanceId, NoticeAction action, string recipient, DateTimeOffset? expiresUtc = null, int linkEpoch = 0)
    {
        var expires = expiresUtc ?? DefaultExpiry();
        var payload = new Payload(instanceId, ActionName(action), recipient.Trim().ToLowerInvariant(), expires.ToUnixTimeSeconds())
        {
            LinkEpoch = linkEpoch,
            Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9)),
        };
        var encoded = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload));
        return encoded + "." + Base64Url.EncodeToString(Sign(encoded));
    }

    public string UrlFor(string token) => BaseUrl().TrimEnd('/') + "/act/" + token;

    private string BaseUrl() =>
        !string.IsNullOrWhiteSpace(_options.BaseUrl) ? _options.BaseUrl
        : _host?.BaseUrl ?? IHostAddress.Fallback;

    /// <summary>The complete / progress / extension links for one recipient of one item, signed
    /// with the item's current <paramref name="linkEpoch"/>.</summary>
    public NoticeLinks LinksFor(string instanceId, string recipient, int linkEpoch = 0)
    {
        var expires = DefaultExpiry();
        string Url(NoticeAction a) => UrlFor(CreateToken(instanceId, a, recipient, expires, linkEpoch));
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

        var claims = new ActionClaims(payload.InstanceId, action, payload.Recipient, DateTimeOffset.FromUnixTimeSeconds(payload.Expires), payload.LinkEpoch);
        // Re-encoded from the bytes, so the id never depends on how the URL spelled them (the
        // decoder already refuses a last character with non-zero unused bits).
        var linkId = Base64Url.EncodeToString(signature);
        if (_time.GetUtcNow() >= claims.ExpiresUtc)
            return new(ActionTokenStatus.Expired, claims, $"The link expired on {claims.ExpiresUtc:yyyy-MM-dd HH:mm} UTC.", linkId);
        if (expectedAction is { } expected && expected != action)
            return new(ActionTokenStatus.WrongAction, claims, $"The link is for '{ActionName(action)}', not '{ActionName(expected)}'.", linkId);
        if (expectedInstanceId is not null && !string.Equals(expectedInstanceId, claims.InstanceId, StringComparison.Ordinal))
            return new(ActionTokenStatus.ForeignItem, claims, "The link was issued for another item.", linkId);
        return new(ActionTokenStatus.Valid, claims, "ok", linkId);
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
        [property: JsonPropertyName("e")] long Expires)
    {
        /// <summary>Absent (0) in links issued before epochs existed.</summary>
        [JsonPropertyName("g")] public int LinkEpoch { get; init; }
        /// <summary>Random: two links issued in the same second are still two links.</summary>
        [JsonPropertyName("n")] public string? Nonce { get; init; }
    }
}
