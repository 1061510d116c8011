using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Functions.Http;
using Orchestrator.Functions.Security;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Security;

namespace Orchestrator.Functions.Hosting;

/// <summary>
/// The whole composition of the Functions app, in one place: Program calls it, and the tests call
/// the same method, so the container they check is the one the app runs with (the Functions host
/// itself cannot run on a developer machine here).
/// </summary>
public static class FunctionsAppServices
{
    /// <summary>ASP.NET Core integration for the HTTP triggers, then the app's services.</summary>
    public static FunctionsApplicationBuilder ConfigureOrchestratorApp(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        // Who may call what (every HTTP function is anonymous to the host; see ApiAuthorizationMiddleware).
        builder.UseMiddleware<ApiAuthorizationMiddleware>();
        Configure(builder.Services, builder.Configuration);
        return builder;
    }

    public static IServiceCollection Configure(IServiceCollection services, IConfiguration configuration)
    {
        // One JSON shape for orchestration payloads on both hosts (see WorkflowJson). The durable
        // extension builds its DataConverter from this serializer, and activity triggers use it too.
        services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(WorkflowJson.Options));
        services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        services.AddOrchestratorWorkflows(configuration);
        services.AddSingleton<IWorkerState, FunctionsWorkerState>();
        services.AddSingleton<ISignedInCallerSource, AppServiceSignedInCaller>();
        services.AddSingleton<ApiAuthorizationMiddleware>();
        services.AddSingleton<IHostAddress, SiteAddress>();
        return services;
    }
}
