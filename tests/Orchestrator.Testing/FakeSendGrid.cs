using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Testing;

/// <summary>A scripted answer of the fake server.</summary>
public sealed record Reply(int Status, IReadOnlyDictionary<string, string>? Headers = null, string? Body = null)
{
    private static int _ids;

    public static Reply Accepted() =>
        new(202, new Dictionary<string, string> { ["X-Message-Id"] = "msg-" + Interlocked.Increment(ref _ids) });

    public static Reply TooMany(string retryAfter = "1") => new(429, new Dictionary<string, string> { ["Retry-After"] = retryAfter },
        """{"errors":[{"field":null,"message":"too many requests"}]}""");

    public static Reply ServerError() => new(500, null, """{"errors":[{"field":null,"message":"internal error"}]}""");

    public static Reply BadRequest() => new(400, null,
        """{"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from","help":null}]}""");
}

/// <summary>One request the fake server received. <paramref name="Dropped"/>: read in full, then the
/// connection was aborted without an answer (<see cref="FakeSendGrid.DropNext"/>); AnsweredWith is 0.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, JsonElement Body, int AnsweredWith,
    bool Dropped = false)
{
    /// <summary>custom_args.notice_key of a mail/send body, or null.</summary>
    public string? NoticeKey =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("custom_args", out var args) && args.TryGetProperty("notice_key", out var key)
            ? key.GetString() : null;

    /// <summary>Every addressee (to and cc of every personalization), lower-cased.</summary>
    public IReadOnlyList<string> Recipients =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("personalizations", out var ps)
            ? ps.EnumerateArray()
                .SelectMany(p => new[] { "to", "cc" }.SelectMany(f => p.TryGetProperty(f, out var list) ? list.EnumerateArray() : []))
                .Select(a => a.GetProperty("email").GetString()!.ToLowerInvariant()).ToList()
            : [];
}

/// <summary>
/// A fake SendGrid v3 server (Kestrel on 127.0.0.1, random port): records each request's path,
/// headers and JSON body, and answers from a script (then with <see cref="Fallback"/>). A gate can
/// hold answers until the test releases it.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private volatile TaskCompletionSource? _gate;

    private FakeSendGrid(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public Func<Reply> Fallback { get; set; } = Reply.Accepted;
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();
    public int Received => _received;
    private int _received;

    public void Script(params Reply[] replies)
    {
        foreach (var r in replies) _script.Enqueue(r);
    }

    /// <summary>Holds every answer until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate?.TrySetResult();

    private int _dropNext;

    /// <summary>The next request is read (and recorded as dropped) and its connection aborted before
    /// any answer: SendGrid may have accepted it, the client cannot know.</summary>
    public void DropNext() => Interlocked.Exchange(ref _dropNext, 1);

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.Map("/{**path}", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _received);
        using var doc = await JsonDocument.ParseAsync(http.Request.Body);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (_gate is { } gate) await gate.Task;
        if (Interlocked.Exchange(ref _dropNext, 0) == 1)
        {
            _requests.Enqueue(new RecordedRequest(http.Request.Method, http.Request.Path, headers, doc.RootElement.Clone(), 0, Dropped: true));
            http.Abort();
            return;
        }
        var reply = _script.TryDequeue(out var scripted) ? scripted : Fallback();
        _requests.Enqueue(new RecordedRequest(http.Request.Method, http.Request.Path, headers, doc.RootElement.Clone(), reply.Status));
        http.Response.StatusCode = reply.Status;
        foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>()) http.Response.Headers[k] = v;
        if (reply.Body is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(reply.Body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
