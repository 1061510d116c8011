using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Orchestrator.Local.Durable;
using Orchestrator.Local.Http;
using Orchestrator.Local.Storage;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Local;

/// <summary>
/// The local host: the shared HTTP routes over the shared handlers, and the durable runtime that
/// runs the shared orchestrations on Azurite (started here when it is not already running).
/// </summary>
public sealed class LocalHost : IAsyncDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly IReadOnlySet<string> _generatedSettings;

    private LocalHost(WebApplication app, AzuriteServer? azurite, IReadOnlySet<string> generatedSettings)
    {
        App = app;
        Azurite = azurite;
        _generatedSettings = generatedSettings;
    }

    public WebApplication App { get; }
    public AzuriteServer? Azurite { get; }

    /// <summary>The addresses Kestrel actually listens on (useful with port 0).</summary>
    public IReadOnlyCollection<string> Addresses =>
        App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public static async Task<LocalHost> CreateAsync(string[] args, IDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        AddLocalSettingsFile(builder.Configuration);
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);

        var generated = EnsureKeys(builder.Configuration);

        var configuration = builder.Configuration;
        builder.Services.AddValidatedSettings<DurableRuntimeOptions>(configuration, DurableRuntimeOptions.Section)
            .PostConfigure(o => { if (configuration["TaskHubName"] is { Length: > 0 } hub) o.HubName = hub; });
        var connectionString = builder.Configuration[Workflows.Storage.StorageConnection.SettingName]!;

        // Ctrl+C stops Azurite together with the host (one process group): stopping must not wait on
        // storage that is gone. Hosted services get this long to stop, then the host goes on without
        // them (DurableRuntime.StopAsync gives up waiting at that point).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddOrchestratorWorkflows(builder.Configuration);
        builder.Services.AddLocalTelemetry(builder.Configuration);
        builder.Services.AddSingleton(sp => new DurableRuntime(connectionString, sp.GetRequiredService<DurableRuntimeOptions>(), sp,
            sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableRuntime>());
        builder.Services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<DurableRuntime>().Client);
        builder.Services.AddSingleton<IWorkerState, LocalWorkerState>();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddHostedService<DigestService>();
        builder.Services.AddSingleton<IInstanceHistory, LocalInstanceHistory>();
                builder.Services.AddSingleton<Workflows.Notices.IHostAddress, ServerAddress>();
        builder.Services.AddProblemDetails();
        builder.Services.AddApiDocument();
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();

        var app = builder.Build();
        AzuriteServer? azurite;
        try
        {
            // Every section's settings (Settings.AddValidatedSettings), all at once, after EnsureKeys so
            // generated keys count, and before anything starts: Azurite, the durable runtime, Kestrel.
            // (The host's own check in StartAsync comes after it has created the hosted services, and
            // stops at the first section that fails.)
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            using var bootLoggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
            azurite = await LocalStorage.EnsureAsync(app.Configuration, bootLoggers.CreateLogger("Orchestrator.Local"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        // Last resort only (handlers refuse bad input themselves): a request Kestrel or the framework
        // finds malformed is the caller's fault, a 4xx problem, never a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        // Writes must be JSON, answers are not cached or sniffed: the rules the Functions app applies too.
        app.Use(async (context, next) =>
        {
            ApiRequestRules.Protect(context);
            if (ApiRequestRules.Refusal(context.Request) is { } refusal) await refusal.ExecuteAsync(context);
            else await next(context);
        });
        app.MapOrchestratorApi();
        app.MapApiDocument();
        return new LocalHost(app, azurite, generated);
    }

    /// <summary>Settings from local.settings.json sit above appsettings.json and below environment and command line.</summary>
    private static void AddLocalSettingsFile(ConfigurationManager configuration)
    {
        var repositoryRoot = TryFindRepositoryRoot();
        if (LocalSettingsFile.Find(repositoryRoot) is not { } path) return;
        var sources = (IList<IConfigurationSource>)configuration.Sources;
        var afterJson = sources.Select((s, i) => (s, i)).LastOrDefault(p => p.s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource).i + 1;
        sources.Insert(afterJson, new MemoryConfigurationSource { InitialData = LocalSettingsFile.Read(path) });
    }

    private static string? TryFindRepositoryRoot()
    {
        try { return Path.GetFullPath(Path.Combine(LocalPackageFolder.Find(), "..", "..")); }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>
    /// With no keys configured, makes random ones for this run (printed at start-up) rather than
    /// leave the API open; likewise a link-signing secret (links then stop working at restart: set
    /// Links__SigningSecret to keep them). Returns the settings it generated.
    /// </summary>
    private static IReadOnlySet<string> EnsureKeys(ConfigurationManager configuration)
    {
        var generated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in new[] { "Api:Key", "Api:AdminKey" })
            if (IsUnset(configuration[setting]))
            {
                configuration[setting] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
                generated.Add(setting);
            }
        if (IsUnset(configuration["Links:SigningSecret"]))
        {
            configuration["Links:SigningSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            generated.Add("Links:SigningSecret");
        }
        return generated;
    }

    private static bool IsUnset(string? value) => string.IsNullOrEmpty(value) || value.StartsWith('<');

    public Task StartAsync() => App.StartAsync();

    public async Task RunAsync()
    {
        App.Lifetime.ApplicationStarted.Register(PrintBanner);
        await App.RunAsync();
    }

    private void PrintBanner()
    {
        var runtime = App.Services.GetRequiredService<DurableRuntime>();
        // The address links in notices use too (a wildcard binding shown as localhost).
        var url = App.Services.GetRequiredService<Workflows.Notices.IHostAddress>().BaseUrl ?? DefaultUrl;
        Console.WriteLine($"""

            Orchestrator local host is up.
              Dashboard: {url}/   (sign in with a key below)
              API:       {url}/api/
              Health:    {url}/health
              API docs:  {url}{ApiDocument.ReferencePage}   (OpenAPI: {url}{ApiDocument.Path})
              Task hub:  {runtime.Options.HubName}  (storage: {(Azurite is null ? "as configured" : $"Azurite pid {Azurite.ProcessId}, data in {Azurite.Location}")})
              API key:   {Shown("Api:Key")}   (header x-functions-key)
              Admin key: {Shown("Api:AdminKey")}
            Press Ctrl+C to stop.

            """);
    }

    /// <summary>A key made up for this run is shown, since nothing else tells it; a configured one is not (it is a secret).</summary>
    private string Shown(string setting) => _generatedSettings.Contains(setting)
        ? App.Configuration[setting]! + "   (made up for this run)"
        : "(from configuration)";

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

internal sealed class LocalWorkerState(DurableRuntime runtime) : IWorkerState
{
    public string TaskHubName => runtime.Options.HubName;
    public bool IsHealthy => runtime.IsRunning;
    public string Describe() => runtime.IsRunning ? "running" : "stopped";
}
