using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Orchestrator.Local;

namespace Orchestrator.Cli.Tests;

/// <summary>The local host sets up OpenTelemetry when OpenTelemetry's standard variables ask for an exporter, and not otherwise.</summary>
public class LocalTelemetryTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        return new ServiceCollection().AddLogging().AddLocalTelemetry(configuration).BuildServiceProvider();
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")]
    [InlineData("OTEL_TRACES_EXPORTER", "console")]
    public void An_exporter_setting_sets_up_telemetry(string key, string value)
    {
        // (The meter provider needs the workflow services for its gauge; the trace provider shows the set-up.)
        using var provider = Build((key, value));
        Assert.NotNull(provider.GetService<TracerProvider>());
    }

    [Fact]
    public void Without_one_nothing_is_set_up()
    {
        using var provider = Build(("OTEL_TRACES_EXPORTER", "none"));
        Assert.Null(provider.GetService<TracerProvider>());
    }
}
