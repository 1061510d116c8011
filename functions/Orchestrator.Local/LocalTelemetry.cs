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
/// OTEL_TRACES_EXPORTER or OTEL_METRICS_EXPORTER says "console". With none of them, OpenTelemetry is
/// not set up at all (the meters and activity sources are still there for dotnet-counters and
/// dotnet-trace).
/// </summary>
public static class LocalTelemetry
{
    public static IServiceCollection AddLocalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        bool ToConsole(string setting) => (configuration[setting] ?? "").Split(',').Any(e => e.Trim() == "console");
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && !ToConsole("OTEL_TRACES_EXPORTER") && !ToConsole("OTEL_METRICS_EXPORTER")) return services;
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
        if (otlp) telemetry.UseOtlpExporter();
        return services;
    }
}
