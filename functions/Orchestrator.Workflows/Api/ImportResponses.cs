namespace Orchestrator.Workflows.Api;

/// <summary>
/// POST api/directives, 202: the directive is stored and its items are being started in the
/// background; <paramref name="StatusUrl"/> (also the Location header) reports the progress.
/// </summary>
public sealed record ImportAcceptedResponse(string DirectiveId, bool AlreadyImported, int ItemCount, string StatusUrl, string Message);

/// <summary>
/// GET api/directives/{directiveId}/import: how far the import of a directive's items has come.
/// <paramref name="State"/> is one of the <see cref="ImportStates"/>.
/// </summary>
/// <param name="Started">Items whose orchestration exists (started by this import or earlier).</param>
/// <param name="Failed">Items that could not be started (POST the directive again to retry them).</param>
/// <param name="FailedLabels">The first labels of those (at most 50).</param>
public sealed record ImportStatusResponse(string DirectiveId, string State, bool Done, int Items, int Started, int Failed,
    IReadOnlyList<string> FailedLabels, string? Message = null);

/// <summary>The states an import reports.</summary>
public static class ImportStates
{
    /// <summary>The background import is scheduled and has not begun.</summary>
    public const string Pending = "pending";
    /// <summary>Items are being started, batch after batch.</summary>
    public const string Running = "running";
    /// <summary>Every item was handled: each started, or counted in <c>failed</c>.</summary>
    public const string Done = "done";
    /// <summary>The import itself stopped (terminated, or failed outside any batch): POST the directive again.</summary>
    public const string Stopped = "stopped";
    /// <summary>No import record: a large directive whose record was purged, or whose import request broke before answering.</summary>
    public const string Unknown = "unknown";
}
