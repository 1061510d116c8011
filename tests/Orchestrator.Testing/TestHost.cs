using System.Net.Http.Headers;
using Orchestrator.Local;

namespace Orchestrator.Testing;

/// <summary>
/// A local host in the test process, on a random port, with its own task hub and table prefix on
/// the shared Azurite, and an HttpClient that carries the API key.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string ApiKey = "test-api-key";
    public const string AdminKey = "test-admin-key";
    public const string SigningSecret = "test-signing-secret-0123456789-abcdefghij";

    /// <summary>Settings that send notices to a fake SendGrid instead of only writing them to the outbox.</summary>
    public static Dictionary<string, string?> SendingTo(FakeSendGrid sendGrid) => new()
    {
        ["SendGrid:ApiKey"] = "SG.test-key",
        ["SendGrid:BaseUrl"] = sendGrid.BaseUrl,
    };

    private TestHost(LocalHost host, string hubName, string tablePrefix, string connectionString)
    {
        Host = host;
        HubName = hubName;
        TablePrefix = tablePrefix;
        StorageConnectionString = connectionString;
        BaseAddress = new Uri(host.Addresses.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
        Client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        Anonymous = new HttpClient { BaseAddress = BaseAddress };
    }

    public LocalHost Host { get; }
    public string HubName { get; }
    public string TablePrefix { get; }
    public string StorageConnectionString { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public HttpClient Anonymous { get; }
    public IServiceProvider Services => Host.App.Services;

    public static async Task<TestHost> StartAsync(IDictionary<string, string?>? settings = null, string? hubName = null,
        string? tablePrefix = null)
    {
        var connectionString = await SharedAzurite.GetConnectionStringAsync();
        hubName ??= TestNames.Unique("hub");
        tablePrefix ??= TestNames.Unique("t");
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["TaskHubName"] = hubName,
            ["Tables:Prefix"] = tablePrefix,
            ["DurableTask:PartitionCount"] = "1",
            ["DurableTask:PollingIntervalSeconds"] = "1",
            ["Api:Key"] = ApiKey,
            ["Api:AdminKey"] = AdminKey,
            ["Azurite:AutoStart"] = "false",
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Links:BaseUrl"] = "http://127.0.0.1",
            ["Links:SigningSecret"] = SigningSecret,
            ["SendGrid:ApiKey"] = "",
            ["SendGrid:FromEmail"] = "no-reply@example.org",
            ["SendGrid:FromName"] = "Theo dõi nhiệm vụ",
            ["SendGrid:InitialBackoff"] = "00:00:00.200",
            ["SendGrid:MaxRetryWait"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;

        var host = await LocalHost.CreateAsync([], all);
        await host.StartAsync();
        return new TestHost(host, hubName, tablePrefix, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Host.DisposeAsync();
    }
}
