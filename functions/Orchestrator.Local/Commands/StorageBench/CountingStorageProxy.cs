using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.Features;
using Orchestrator.Local.Storage;

namespace Orchestrator.Local.Commands.StorageBench;

/// <summary>
/// A forwarding HTTP proxy in front of a storage account's three services (blob, queue, table),
/// on loopback, that records every request it passes on: which service, which operation (see
/// <see cref="StorageOperation"/>) and when. Clients get its <see cref="ConnectionString"/> instead
/// of the account's. Requests are forwarded byte for byte (path, query and headers as sent), so
/// Shared Key signatures stay valid: they sign the account and path, not the host and port.
/// Only for benchmarks: it buffers nothing, but it adds a hop.
/// </summary>
public sealed class CountingStorageProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Expect",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Dictionary<int, (StorageService Service, Uri Target)> _routes;
    private readonly List<StorageRequest> _requests = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private CountingStorageProxy(WebApplication app, HttpClient upstream, Dictionary<int, (StorageService, Uri)> routes,
        StorageEndpoints endpoints)
    {
        _app = app;
        _upstream = upstream;
        _routes = routes;
        Endpoints = endpoints;
    }

    /// <summary>The proxy's own endpoints (same account, the proxy's ports).</summary>
    public StorageEndpoints Endpoints { get; }

    public string ConnectionString => Endpoints.ToConnectionString();

    /// <summary>Time since the proxy started, the clock of <see cref="StorageRequest.At"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Hides names that vary per run (a task hub, a table prefix) from the operation names; set before counting.</summary>
    public string? HiddenName { get; set; }

    /// <summary>Starts a proxy in front of <paramref name="target"/> (an Azurite or any account with path-style endpoints).</summary>
    public static async Task<CountingStorageProxy> StartAsync(StorageEndpoints target)
    {
        var ports = new[] { FreePort(), FreePort(), FreePort() };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            foreach (var port in ports) k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = null; // the storage service sets its own limits
        });
        var app = builder.Build();
        var upstream = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        }) { Timeout = Timeout.InfiniteTimeSpan };
        var routes = new Dictionary<int, (StorageService, Uri)>
        {
            [ports[0]] = (StorageService.Blob, Authority(target.Blob)),
            [ports[1]] = (StorageService.Queue, Authority(target.Queue)),
            [ports[2]] = (StorageService.Table, Authority(target.Table)),
        };
        var own = StorageEndpoints.OnLoopback("127.0.0.1", ports[0], ports[1], ports[2]);
        var proxy = new CountingStorageProxy(app, upstream, routes, own);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>Every request counted so far, in arrival order.</summary>
    public IReadOnlyList<StorageRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>The requests that arrived in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<StorageRequest> Between(TimeSpan from, TimeSpan to)
    {
        lock (_requests) return _requests.Where(r => r.At >= from && r.At < to).ToList();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var (service, target) = _routes[context.Connection.LocalPort];
        // The target exactly as the client sent it (still percent-encoded).
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var operation = StorageOperation.Classify(service, context.Request.Method, rawTarget, HiddenName);
        lock (_requests) _requests.Add(new StorageRequest(Now, service, operation));

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, rawTarget));
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody) request.Content = new StreamContent(context.Request.Body);
        else if (context.Request.ContentLength == 0) request.Content = new ByteArrayContent([]);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHopHeaders.Contains(name)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (HopByHopHeaders.Contains(name)) continue;
            context.Response.Headers[name] = values.ToArray();
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static Uri Authority(Uri endpoint) => new(endpoint.GetLeftPart(UriPartial.Authority));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}

public enum StorageService { Blob, Queue, Table }

/// <summary>One storage request seen by the proxy: when (since the proxy started), which service, which operation.</summary>
public sealed record StorageRequest(TimeSpan At, StorageService Service, string Operation);
