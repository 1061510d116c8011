using System.Buffers.Text;
using System.Text;
using Azure;

namespace Orchestrator.Workflows.Storage;

/// <summary>A continuation token the API was given that it cannot use (not one it issued).</summary>
public sealed class InvalidContinuationTokenException(string message) : Exception(message);

/// <summary>
/// Continuation tokens of the list endpoints: the storage service's own token (where the next page
/// starts), base64url-encoded so it travels in a query string as one opaque word.
/// </summary>
public static class PageTokens
{
    private const string Expected = "a continuationToken from the previous page of the same list, unchanged";

    public static string? Wrap(string? storageToken) =>
        storageToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storageToken));

    public static string? Unwrap(string? apiToken)
    {
        if (string.IsNullOrEmpty(apiToken)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(apiToken));
            // The storage token is "{next partition key} {next row key}" (the row key part may be empty).
            var parts = text.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || text.Any(char.IsControl)) throw new InvalidContinuationTokenException(Expected);
            return text;
        }
        catch (FormatException)
        {
            throw new InvalidContinuationTokenException(Expected);
        }
    }

    /// <summary>The first page of <paramref name="pages"/> starting at <paramref name="apiToken"/>, with the API token
    /// of the next page; a token
    /// the storage service refuses is reported as an <see cref="InvalidContinuationTokenException"/>.</summary>
    public static async Task<ListPage<T>> FirstPageAsync<T>(AsyncPageable<T> pages, string? apiToken, int pageSize) where T : notnull
    {
        try
        {
            await foreach (var page in pages.AsPages(Unwrap(apiToken), pageSize)) return new ListPage<T>(page.Values, Wrap(page.ContinuationToken));
        }
        catch (Exception e) when (apiToken is not null && e is ArgumentException or FormatException or RequestFailedException { Status: 400 })
        {
            throw new InvalidContinuationTokenException(Expected);
        }
        return new ListPage<T>([], null);
    }

    public const string TokenExpected = Expected;
}
