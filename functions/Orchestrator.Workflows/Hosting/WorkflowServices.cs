using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Hosting;

/// <summary>The services that orchestrations, activities and API handlers need, on either host.</summary>
public static class WorkflowServices
{
    public static IServiceCollection AddOrchestratorWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new TableStorage(StorageConnection.CreateTableServiceClient(configuration),
            configuration["Tables:Prefix"] is { Length: > 0 } prefix ? prefix : "orc"));
        services.AddSingleton<ItemStore>();

        var api = new ApiOptions();
        configuration.GetSection("Api").Bind(api);
        services.AddSingleton(api);
        services.AddSingleton<JsonBody>();
        services.AddSingleton<ItemApi>();
        services.AddSingleton<HealthApi>();

        foreach (var activity in WorkflowCatalog.Activities.Values) services.AddTransient(activity);
        return services;
    }
}
