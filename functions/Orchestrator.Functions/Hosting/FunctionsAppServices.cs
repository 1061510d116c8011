using Azure.Core.Serialization;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orchestrator.Workflows.Telemetry;
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
        // Writes must be JSON, answers are not cached (ApiRequestRules, as on the local host), then who
        // may call what (every HTTP function is anonymous to the host; see ApiAuthorizationMiddleware).
        builder.UseMiddleware<ApiRequestMiddleware>();
        builder.UseMiddleware<ApiAuthorizationMiddleware>();
        Configure(builder.Services, builder.Configuration);
        return builder;
    }

    public static IServiceCollection Configure(IServiceCollection services, IConfiguration configuration)
    {
        // One JSON shape for orchestration payloads on both hosts (see WorkflowJson). The durable
        // extension builds its DataConverter from this serializer, and activity triggers use it too.
        services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(WorkflowJson.Options));
        AddTelemetry(services, configuration);
        services.AddOrchestratorWorkflows(configuration);
        services.AddSingleton<IWorkerState, FunctionsWorkerState>();
        services.AddSingleton<ISignedInCallerSource, AppServiceSignedInCaller>();
        services.AddSingleton<ApiAuthorizationMiddleware>();
        services.AddSingleton<ApiRequestMiddleware>();
        services.AddSingleton<IHostAddress, SiteAddress>();
        return services;
    }

    /// <summary>
    /// Logs, traces and metrics through OpenTelemetry with the Functions worker's integration (host.json
    /// telemetryMode), exported to Application Insights when the app has its connection string; the
    /// ingestion is authenticated with the app's managed identity when the authentication string says AAD.
    /// </summary>
    private static void AddTelemetry(IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(OrchestratorTraces.SourceName))
            .WithMetrics(metrics => metrics.AddMeter(OrchestratorMetrics.MeterName)
                .AddInstrumentation(sp => sp.GetRequiredService<ItemCategoryGauge>()));
        if (string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"])) return;
        telemetry.UseAzureMonitorExporter(options =>
        {
            if (IngestionIdentity(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]) is { } clientId)
                options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        });
    }

    /// <summary>The client id of "ClientId=...;Authorization=AAD", or null for any other form.</summary>
    public static string? IngestionIdentity(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return parts.GetValueOrDefault("Authorization") is { } mode && mode.Equals("AAD", StringComparison.OrdinalIgnoreCase)
            ? parts.GetValueOrDefault("ClientId") : null;
    }
}
