using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Hosting;

/// <summary>The services that orchestrations, activities and API handlers need, on either host.</summary>
public static class WorkflowServices
{
    public static IServiceCollection AddOrchestratorWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // Problem details (Results.Problem) are written with the host's HTTP JSON options, not WorkflowJson:
        // enums there read as in bodies (camelCase names), in both hosts and in the OpenAPI schemas.
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddSingleton(new TableStorage(StorageConnection.CreateTableServiceClient(configuration),
            configuration["Tables:Prefix"] is { Length: > 0 } prefix ? prefix : "orc"));
        services.AddSingleton<ItemStore>();
        services.AddSingleton<ItemQueries>();
        services.AddDomain(configuration);
        services.AddNotices(configuration);

        // Directives and items
        services.AddSingleton(EscalationPolicySettings.Read(configuration));
        services.AddSingleton<ItemPlanning>();
        services.AddSingleton<DirectiveStore>();
        services.AddSingleton<DirectiveImporter>();
        services.AddSingleton<ItemContext>();

        var api = new ApiOptions();
        configuration.GetSection("Api").Bind(api);
        services.AddSingleton(api);
        services.AddSingleton<JsonBody>();
        services.AddSingleton<FormBody>();
        services.AddSingleton<ItemEventRules>();
        services.AddSingleton<ItemApi>();
        services.AddSingleton<DirectiveApi>();
        services.AddSingleton<QueryApi>();
        services.AddSingleton<ActionLinkRules>();
        services.AddSingleton<ActionLinkApi>();
        services.AddSingleton<HealthApi>();

        var admin = new Admin.AdminOptions();
        configuration.GetSection("Admin").Bind(admin);
        services.AddSingleton(admin);
        services.AddSingleton<Admin.AuditStore>();
        services.AddSingleton<Admin.RetentionPurge>();
        services.AddSingleton<Admin.Pacer>();
        services.AddSingleton<Admin.BulkRunner>();
        services.AddSingleton<Admin.AdminApi>();
        services.TryAddSingleton<IInstanceHistory, ClientInstanceHistory>();

        foreach (var activity in WorkflowCatalog.Activities.Values) services.AddTransient(activity);
        return services;
    }

    /// <summary>The domain's data (calendar, agencies) and its interpreter and planner.</summary>
    public static IServiceCollection AddDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => WorkingDayCalendar.Default());
        services.TryAddSingleton(_ => AgencyDirectory.Default());
        services.AddSingleton(sp => new DeadlineInterpreter(sp.GetRequiredService<WorkingDayCalendar>(),
            new DeadlineOptions { UrgentWorkingDays = configuration.GetValue("Deadlines:UrgentWorkingDays", 5) }));
        services.AddSingleton<DirectivePlanner>();
        return services;
    }

    /// <summary>Outbox, sender, action links (ActionTokens throws on first use when
    /// Links__SigningSecret is missing or short; resolve it at start-up to refuse to start).</summary>
    public static IServiceCollection AddNotices(this IServiceCollection services, IConfiguration configuration)
    {
        var sendGrid = new SendGridOptions();
        configuration.GetSection(SendGridOptions.Section).Bind(sendGrid);
        var links = new LinkOptions();
        configuration.GetSection(LinkOptions.Section).Bind(links);
        services.AddSingleton(sendGrid);
        services.AddSingleton(links);
        services.TryAddSingleton(_ => AgencyDirectory.Default());
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<ActionLinkStore>();
        services.AddSingleton(sp => new ActionTokens(links, sp.GetRequiredService<TimeProvider>(), sp.GetService<IHostAddress>()));
        services.AddSingleton<NoticeComposer>();
        services.AddSingleton(sp => new NoticeSender(sp.GetRequiredService<OutboxStore>(), sendGrid,
            sp.GetRequiredService<TimeProvider>(), logger: sp.GetService<Microsoft.Extensions.Logging.ILogger<NoticeSender>>()));
        return services;
    }
}
