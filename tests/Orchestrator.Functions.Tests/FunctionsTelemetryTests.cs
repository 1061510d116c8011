using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orchestrator.Functions.Hosting;
using Orchestrator.Functions.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Functions.Tests;

/// <summary>The Functions app reports through OpenTelemetry, to Application Insights when Azure gives it a connection string.</summary>
public sealed class FunctionsTelemetryTests
{
    [Fact]
    public void With_application_insights_configured_the_container_has_trace_and_metric_providers()
    {
        var settings = FunctionsApp.SampleSettings("UseDevelopmentStorage=true", TestNames.Unique("fn"));
        settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:1/";
        settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=11111111-1111-1111-1111-111111111111;Authorization=AAD";
        using var app = FunctionsApp.Build(settings);
        Assert.NotNull(app.Provider.GetService<TracerProvider>());
        Assert.NotNull(app.Provider.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("ClientId=abc;Authorization=AAD", "abc")]
    [InlineData(" clientid = abc ; authorization = aad ", "abc")]
    [InlineData("Authorization=AAD", null)]
    [InlineData("ClientId=abc", null)]
    [InlineData(null, null)]
    public void The_ingestion_identity_is_the_client_id_of_an_AAD_authentication_string(string? authentication, string? clientId) =>
        Assert.Equal(clientId, FunctionsAppServices.IngestionIdentity(authentication));
}
