namespace Orchestrator.Workflows.Notices;

/// <summary>
/// The display name SendGrid gets for a recipient. SendGrid's v3 mail send documents that
/// <c>to.name</c>, <c>cc.name</c> and <c>bcc.name</c> cannot contain a comma or a semicolon: it
/// splits the address on them, and the message is dropped as sent to an invalid address (not
/// refused, so nothing retries it). Agency names have commas ("Bộ Văn hóa, Thể thao và Du lịch").
/// Such a name goes out as an RFC 5322 quoted string, which SendGrid's own libraries send for it
/// and which it reads as one name; quotes and backslashes inside are dropped so the quoting holds.
/// </summary>
public static class RecipientName
{
    public static string? For(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName)) return null;
        var name = displayName.Trim();
        if (name.IndexOfAny([',', ';']) < 0) return name;
        var inner = name.Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal).Trim();
        return inner.Length == 0 ? null : "\"" + inner + "\"";
    }
}
