using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Functions.Durable;
using Orchestrator.Functions.Hosting;

namespace Orchestrator.Functions.Tests.Support;

/// <summary>The Functions app's host as its Program builds it, and the service collection it was built from.</summary>
public sealed record FunctionsAppUnderTest(IHost Host, IServiceCollection Services) : IDisposable
{
    public IServiceProvider Provider => Host.Services;
    public void Dispose() => Host.Dispose();
}

/// <summary>
/// Builds the Functions app's container through <see cref="FunctionsAppServices"/> (what Program
/// calls), with the settings of local.settings.sample.json and test values for its placeholders.
/// The host is built, never started: there is no Functions host here for its worker to talk to.
/// </summary>
public static class FunctionsApp
{
    public static Assembly Assembly => typeof(ItemFunctions).Assembly;

    /// <summary>The sample settings with test values. Every "&lt;placeholder&gt;" must get one here.</summary>
    public static Dictionary<string, string?> SampleSettings(string storageConnection, string tablePrefix)
    {
        var path = typeof(FunctionsApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SampleSettingsPath").Value!;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var testValues = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storageConnection,
            ["Tables__Prefix"] = tablePrefix,
            ["Api__Key"] = "test-api-key",
            ["Api__AdminKey"] = "test-admin-key",
            ["Links__SigningSecret"] = "test-signing-secret-0123456789-abcdefghij",
        };
        var settings = new Dictionary<string, string?>();
        foreach (var setting in document.RootElement.GetProperty("Values").EnumerateObject())
        {
            var value = testValues.GetValueOrDefault(setting.Name) ?? setting.Value.GetString();
            if (value is ['<', .., '>'])
                throw new InvalidOperationException($"local.settings.sample.json: {setting.Name} is a placeholder; give it a test value in {nameof(FunctionsApp)}.");
            // The Functions host passes these as environment variables: "__" separates sections.
            settings[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }
        return settings;
    }

    /// <param name="alter">Changes the app's registrations afterwards (to show that a wiring mistake is caught).</param>
    public static FunctionsAppUnderTest Build(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? alter = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        // In Azure the app's settings are its only configuration: not this machine's environment,
        // nor the local host's appsettings.json that the build copies next to the tests.
        ((IConfigurationBuilder)builder.Configuration).Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        RunExtensionStartups(builder);
        builder.ConfigureOrchestratorApp();
        alter?.Invoke(builder.Services);
        var services = new ServiceCollection();
        foreach (var descriptor in builder.Services) ((ICollection<ServiceDescriptor>)services).Add(descriptor);
        return new FunctionsAppUnderTest(builder.Build(), services);
    }

    /// <summary>
    /// The worker runs the extensions' start-up code (the durable extension's data converter,
    /// input converters and middleware) through a class the Functions SDK generates into the app,
    /// found on the entry assembly. Under a test runner the entry assembly is the runner's, so run
    /// the app's own, as the worker would when the app is the entry assembly.
    /// </summary>
    private static void RunExtensionStartups(FunctionsApplicationBuilder builder)
    {
        var executor = Assembly.GetCustomAttribute<WorkerExtensionStartupCodeExecutorInfoAttribute>()
            ?? throw new InvalidOperationException("The Functions app has no generated extension start-up executor.");
        ((WorkerExtensionStartup)Activator.CreateInstance(executor.StartupCodeExecutorType)!).Configure(builder);
    }
}
