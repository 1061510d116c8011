using System.Text.Json.Nodes;

namespace Orchestrator.Infra.Tests;

/// <summary>The real inputs of the settings check, and the explicit exceptions with their reasons.</summary>
internal static class OrchestratorSettings
{
    public static readonly SettingsRules Rules = new(
        LocalOnly: new Dictionary<string, string>
        {
            // Flex Consumption takes the worker runtime from functionAppConfig.runtime
            // (dotnet-isolated 10.0) and rejects FUNCTIONS_WORKER_RUNTIME as an app setting.
            ["FUNCTIONS_WORKER_RUNTIME"] = "Flex Consumption forbids it; the runtime is set in functionAppConfig.",
        },
        LocalOnlyPrefixes: new Dictionary<string, string>
        {
            ["Azurite__"] = "Starts the local storage emulator; Azure uses a real storage account.",
            // OpenTelemetry's standard variables: locally an OTLP collector (or the console); in Azure
            // the Functions app exports to Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING).
            ["OTEL_"] = "Locally telemetry goes to an OTLP collector; in Azure to Application Insights.",
        },
        IdentityConnections: new Dictionary<string, string>
        {
            // Locally a connection string (UseDevelopmentStorage=true); in Azure the identity-based
            // form AzureWebJobsStorage__blobServiceUri/__queueServiceUri/__tableServiceUri/
            // __credential/__clientId, because the storage account has shared keys disabled.
            ["AzureWebJobsStorage"] = "Identity-based connection (no account key).",
        },
        AzureOnly: new Dictionary<string, string>
        {
            // Telemetry goes to Application Insights only in Azure; locally the console log is enough.
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "Application Insights exists only in Azure.",
            // Entra (managed identity) authentication for ingestion: the component has local auth off.
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Application Insights exists only in Azure.",
        });

    /// <summary>Settings that Flex Consumption rejects or that would mean key-based storage access.</summary>
    public static readonly string[] ForbiddenInAzure =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_NODE_DEFAULT_VERSION",
        "AzureWebJobsStorage",
    ];

    public static JsonObject SampleValues()
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoPaths.SampleSettings))?.AsObject()
            ?? throw new InvalidOperationException("local.settings.sample.json is empty");
        return root["Values"]?.AsObject() ?? throw new InvalidOperationException("local.settings.sample.json has no Values");
    }

    public static IReadOnlyList<string> SampleKeys() => SampleValues().Select(p => p.Key).ToList();

    public static IReadOnlyList<string> AzureKeys() => CompiledTemplate.AppSettings(CompiledTemplate.Main).Select(p => p.Key).ToList();
}
