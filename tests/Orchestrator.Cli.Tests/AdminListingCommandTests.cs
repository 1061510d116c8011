using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Orchestrator.Cli.Tests;

/// <summary><c>orchestrator failed</c> lists up to --limit instances, following the API's continuation past its per-request maximum.</summary>
public sealed class AdminListingCommandTests
{
    /// <summary>The admin listing as the API answers it: at most 1000 rows a request, a continuation (an offset here) when more remain.</summary>
    private sealed class ListingApi(int total) : HttpMessageHandler
    {
        public List<int> Limits { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = QueryHelpers.ParseQuery(request.RequestUri!.Query);
            var limit = int.Parse(query["limit"]!, CultureInfo.InvariantCulture);
            Limits.Add(limit);
            if (limit is < 1 or > 1000)
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
                {
                    Content = new StringContent("""{"title":"The request is not valid","detail":"limit: a number from 1 to 1000"}""",
                        Encoding.UTF8, "application/problem+json"),
                });
            var start = query.TryGetValue("continuation", out var c) ? int.Parse(c!, CultureInfo.InvariantCulture) : 0;
            var end = Math.Min(total, start + limit);
            var body = JsonSerializer.Serialize(new
            {
                count = end - start,
                truncated = end < total,
                continuation = end < total ? end.ToString(CultureInfo.InvariantCulture) : null,
                instances = Enumerable.Range(start, end - start).Select(i => new
                {
                    instanceId = $"d:{i:D5}", name = "ItemOrchestrator", runtimeStatus = "Failed",
                    lastUpdatedAt = "2025-06-01T00:00:00Z",
                }),
            });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static async Task<(int Code, JsonElement Json, string Stderr)> FailedAsync(ListingApi api, int limit)
    {
        var r = await CliRunner.RunAsync(api, "failed", "--limit", limit.ToString(CultureInfo.InvariantCulture), "--json", "--url", "http://127.0.0.1:1", "--key", "k");
        return (r.ExitCode, r.ExitCode == 0 ? r.Json.Clone() : default, r.Stderr);
    }

    [Fact]
    public async Task A_limit_above_the_per_request_maximum_is_fetched_in_pages_without_gaps_or_repeats()
    {
        var api = new ListingApi(total: 2345);
        var all = await FailedAsync(api, 2500);
        Assert.True(all.Code == 0, all.Stderr);
        Assert.Equal(Enumerable.Range(0, 2345).Select(i => $"d:{i:D5}"),
            all.Json.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        Assert.False(all.Json.GetProperty("truncated").GetBoolean());
        Assert.Equal([1000, 1000, 500], api.Limits);

        var some = await FailedAsync(new ListingApi(total: 2345), 1500);
        Assert.Equal(1500, some.Json.GetProperty("count").GetInt32());
        Assert.Equal("d:01499", some.Json.GetProperty("instances")[1499].GetProperty("instanceId").GetString());
        Assert.True(some.Json.GetProperty("truncated").GetBoolean());
    }
}
