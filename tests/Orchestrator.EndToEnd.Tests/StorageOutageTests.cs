using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Local.Storage;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Storage that stops under a running host: requests answer 503 with a clear problem while it is
/// down, and succeed again once it is back, without restarting the host.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task While_storage_is_down_requests_get_503_and_once_it_is_back_they_succeed_without_a_restart()
    {
        var location = Path.Combine(Path.GetTempPath(), TestNames.Unique("outage-azurite"));
        var azurite = await AzuriteServer.StartAsync(location);
        var endpoints = azurite.Endpoints;
        try
        {
            await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });

            // Down before the first use of the read-model tables: the case that stayed broken until a restart.
            await azurite.DisposeAsync();
            var items = await host.Client.GetAsync("/api/items");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, items.StatusCode);
            Assert.Equal("application/problem+json", items.Content.Headers.ContentType?.MediaType);
            var problem = await items.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("storage", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
            // Without a key, /health says only that it is degraded; the error itself is for the admin health.
            var health = await host.Anonymous.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var status = await health.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["status"], status.EnumerateObject().Select(p => p.Name));
            Assert.Equal("degraded", status.GetProperty("status").GetString());
            using var admin = new HttpClient { BaseAddress = host.BaseAddress };
            admin.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
            var adminHealth = await admin.GetAsync("/api/admin/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, adminHealth.StatusCode);
            Assert.StartsWith("unreachable: ", (await adminHealth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storage").GetString());

            // Back on the same ports and data folder.
            azurite = await AzuriteServer.StartAsync(location, endpoints.Blob.Port, endpoints.Queue.Port, endpoints.Table.Port);
            await Eventually.GetAsync(async () => (await host.Client.GetAsync("/api/items")).StatusCode,
                s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "GET /api/items to succeed again");
            await Eventually.GetAsync(async () => (await host.Anonymous.GetAsync("/health")).StatusCode,
                s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "/health to be ok again");
        }
        finally
        {
            await azurite.DisposeAsync();
            try { Directory.Delete(location, recursive: true); } catch (IOException) { }
        }
    }
}
