using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Workflows.Dashboard;

/// <summary>
/// The dashboard's files (Dashboard/wwwroot: HTML, CSS, JavaScript modules, no build step),
/// embedded in this assembly so both hosts serve the same bytes: the local host at /ui/ (and / sends
/// there), the Functions app through one HTTP trigger on the same route.
/// </summary>
public sealed class DashboardAssets
{
    /// <summary>The files' route on both hosts (not in <see cref="Api.Routes"/>, nor in the OpenAPI document: pages, not API).</summary>
    public const string Route = "ui/{*path}";
    public const string RoutePrefix = "/ui/";

    /// <summary>Scripts and styles only from this origin; API calls to it; no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private const string ResourcePrefix = "Orchestrator.Workflows.Dashboard.wwwroot.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".txt"] = "text/plain; charset=utf-8",
    };

    private readonly Dictionary<string, (byte[] Bytes, string ContentType, string ETag)> _files = Load();

    /// <summary>Paths the dashboard has, relative to /ui/ ("index.html", "js/api.js").</summary>
    public IReadOnlyCollection<string> Paths => _files.Keys;

    public IResult Get(string? path, HttpRequest request)
    {
        var key = string.IsNullOrEmpty(path) || path.EndsWith('/') ? (path ?? "") + "index.html" : path;
        if (!_files.TryGetValue(key, out var file))
            return Api.ApiResults.NotFound($"The dashboard has no file '{path}'.");
        return new AssetResult(file.Bytes, file.ContentType, file.ETag,
            request.Headers.IfNoneMatch.Contains(file.ETag));
    }

    private static Dictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            // LogicalName keeps the folders (see the csproj); a build on Windows writes them with '\'.
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            var etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16] + "\"";
            files[path] = (bytes, type, etag);
        }
        return files;
    }

    /// <summary>A file with its validator: the browser revalidates (no-cache) and gets 304 while it is unchanged.</summary>
    private sealed class AssetResult(byte[] bytes, string contentType, string etag, bool notModified) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-cache";
            headers.ETag = etag;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (notModified)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            context.Response.ContentType = contentType;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        }
    }
}
