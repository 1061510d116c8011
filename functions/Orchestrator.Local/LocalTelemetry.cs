using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Workflows.Telemetry;

namespace Orchestrator.Local;

/// <summary>
/// The local host's traces and metrics (the service's own, ASP.NET Core's and HttpClient's, which
/// .NET emits without instrumentation packages), exported through OpenTelemetry's standard
/// variables: to an OTLP collector when OTEL_EXPORTER_OTLP_ENDPOINT is set, and to the console when
/// OTEL_TRACES_EXPORTER or OTEL_METRICS_EXPORTER says "console". Nothing is exported otherwise.
/// </summary>
public static class LocalTelemetry
{
    public static IServiceCollection AddLocalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        bool ToConsole(string setting) => (configuration[setting] ?? "").Split(',').Any(e => e.Trim() == "console");
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orchestrator-local"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(OrchestratorTraces.SourceName, "Microsoft.AspNetCore", "System.Net.Http");
                if (ToConsole("OTEL_TRACES_EXPORTER")) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrchestratorMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "System.Net.Http")
                    .AddInstrumentation(sp => sp.GetRequiredService<ItemCategoryGauge>());
                if (ToConsole("OTEL_METRICS_EXPORTER")) metrics.AddConsoleExporter();
            });
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
        return services;
    }
}
