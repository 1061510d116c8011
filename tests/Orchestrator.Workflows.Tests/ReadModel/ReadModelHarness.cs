using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Testing;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests.ReadModel;

/// <summary>Records every table request the pipeline sends: method and table (the path's first segment, keys left out).</summary>
public sealed class TableRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _requests = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        var path = message.Request.Uri.Path.Trim('/');
        var segment = path.Split('/').Last(); // "{account}/{table}(...)" on Azurite, "{table}(...)" on Azure
        var table = segment.Split('(')[0];
        _requests.Enqueue($"{message.Request.Method} {table}");
    }

    public void Clear() => _requests.Clear();

    /// <summary>The requests since the last <see cref="Clear"/>, table names without the test's prefix; table creations left out.</summary>
    public IReadOnlyList<string> Since(string prefix) => _requests
        .Where(r => !r.EndsWith(" Tables", StringComparison.Ordinal))
        .Select(r => r.Replace(" " + prefix, " ", StringComparison.Ordinal)).ToList();
}

/// <summary>The workflow services on the shared Azurite with their own table prefix, every table request logged.</summary>
public sealed class ReadModelHarness : IAsyncDisposable
{
    public required ServiceProvider Services { get; init; }
    public required TableRequestLog Log { get; init; }
    public required string Prefix { get; init; }
    public TableStorage Storage => Services.GetRequiredService<TableStorage>();

    public static async Task<ReadModelHarness> StartAsync(TimeProvider? clock = null)
    {
        var connection = await SharedAzurite.GetConnectionStringAsync();
        var prefix = TestNames.Unique("m");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connection,
            ["Tables:Prefix"] = prefix,
            ["SendGrid:ApiKey"] = "",
            ["SendGrid:FromEmail"] = "theodoi@example.org",
            ["Links:BaseUrl"] = "https://orchestrator.example.org",
            ["Links:SigningSecret"] = Sample.Secret,
        }).Build();
        var log = new TableRequestLog();
        var options = new TableClientOptions();
        options.AddPolicy(log, HttpPipelinePosition.PerRetry);
        var services = new ServiceCollection().AddLogging().AddOrchestratorWorkflows(configuration);
        services.AddSingleton(new TableStorage(new TableServiceClient(connection, options), prefix));
        if (clock is not null) services.AddSingleton(clock);
        return new ReadModelHarness { Services = services.BuildServiceProvider(), Log = log, Prefix = prefix };
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs an activity as the worker would (resolved from the services, whatever it depends on).</summary>
    public Task<TOutput> RunAsync<TActivity, TInput, TOutput>(string instanceId, TInput input)
        where TActivity : TaskActivity<TInput, TOutput> =>
        ActivatorUtilities.CreateInstance<TActivity>(Services).RunAsync(new ActivityContext(typeof(TActivity).Name, instanceId), input);

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    private sealed class ActivityContext(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name => new(name);
        public override string InstanceId => instanceId;
    }
}
