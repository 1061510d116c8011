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
using Orchestrator.Workflows.Telemetry;

namespace Orchestrator.Workflows.Hosting;

/// <summary>The services that orchestrations, activities and API handlers need, on either host.</summary>
public static class WorkflowServices
{
    public static IServiceCollection AddOrchestratorWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<Telemetry.OrchestratorMetrics>();
        services.AddOrchestratorHealthChecks();
        // Problem details (Results.Problem) are written with the host's HTTP JSON options, not WorkflowJson:
        // enums there read as in bodies (camelCase names), in both hosts and in the OpenAPI schemas.
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddValidatedSettings<TableSettings>(configuration, TableSettings.Section);
        services.AddSingleton(sp => new TableStorage(StorageConnection.CreateTableServiceClient(configuration),
            sp.GetRequiredService<TableSettings>().Prefix));
        services.AddSingleton<ItemStore>();
        services.AddSingleton<ItemCountStore>();
        services.AddSingleton<ItemQueries>();
        services.AddSingleton<ItemCategoryGauge>();
        services.AddDomain(configuration);
        services.AddNotices(configuration);

        // Directives and items
        services.AddValidatedSettings<EscalationPolicySettings>(configuration, EscalationPolicySettings.Section)
            .ValidateWith<EscalationPolicySettings, EscalationPolicySettingsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<EscalationPolicySettings>().ToPolicy());
        services.AddSingleton<ItemPlanning>();
        services.AddSingleton<DirectiveStore>();
        services.AddValidatedSettings<ImportSettings>(configuration, ImportSettings.Section);
        services.AddSingleton<DirectiveImporter>();
        services.AddSingleton<ItemContext>();

        services.AddValidatedSettings<ApiOptions>(configuration, ApiOptions.Section).ValidateWith<ApiOptions, ApiOptionsValidator>();
        services.AddSingleton<Security.CallerAuthorization>();
        services.AddSingleton<JsonBody>();
        services.AddSingleton<FormBody>();
        services.AddSingleton<ItemEventRules>();
        services.AddSingleton<ItemApi>();
        services.AddSingleton<DirectiveApi>();
        services.AddSingleton<DirectiveEventApi>();
        services.AddSingleton<DraftApi>();
        services.AddSingleton<Drafting.LetterGate>(_ => new());
        services.AddSingleton<QueryApi>();
        services.AddSingleton<Reports.ReportBuilder>();
        services.AddSingleton<Reports.ReportApi>();
        services.AddValidatedSettings<Digests.DigestOptions>(configuration, Digests.DigestOptions.Section);
        services.AddSingleton<Digests.DigestRunner>();
        services.AddSingleton<ActionLinkRules>();
        services.AddSingleton<ActionLinkApi>();
        services.AddSingleton<HealthApi>();
        services.AddSingleton<DashboardApi>();
        services.AddSingleton<Dashboard.DashboardAssets>();
        services.AddSingleton<Dashboard.OverviewQuery>();

        services.AddValidatedSettings<Admin.AdminOptions>(configuration, Admin.AdminOptions.Section);
        services.AddValidatedSettings<OperationsSettings>(configuration, OperationsSettings.Section);
        services.AddSingleton<Admin.AuditStore>();
        services.AddSingleton<Admin.RetentionPurge>();
        services.AddSingleton<Admin.Pacer>();
        services.AddSingleton<Admin.BulkRunner>();
        services.AddSingleton<Admin.AdminApi>();
        services.AddSingleton<Admin.UnknownNoticeApi>();
        services.AddAgencyDirectory();
        services.AddStoredCalendar();
        services.TryAddSingleton<IInstanceHistory, ClientInstanceHistory>();

        foreach (var activity in WorkflowCatalog.Activities.Values) services.AddTransient(activity);
        return services;
    }

    /// <summary>The stored agency directory: seeded and loaded at start into the <see cref="AgencyDirectory"/>
    /// singleton everything resolves against, refreshed, and managed through the admin API.</summary>
    public static IServiceCollection AddAgencyDirectory(this IServiceCollection services)
    {
        services.AddSingleton<Agencies.AgencyStore>();
        services.AddSingleton<Agencies.StoredDirectory>();
        services.AddSingleton<Agencies.AgencyApi>();
        services.AddHostedService<Agencies.StoredDirectoryRefresh>();
        return services;
    }

    /// <summary>The decided holiday schedules loaded at run time: loaded at start into the
    /// <see cref="WorkingDayCalendar"/> singleton, refreshed, and managed through the admin API.</summary>
    public static IServiceCollection AddStoredCalendar(this IServiceCollection services)
    {
        services.AddSingleton<Calendar.CalendarStore>();
        services.AddSingleton<Calendar.StoredCalendar>();
        services.AddSingleton<Calendar.CalendarReplanner>();
        services.AddSingleton<Calendar.CalendarApi>();
        services.AddHostedService<Calendar.StoredCalendarRefresh>();
        return services;
    }

    /// <summary>The domain's data (calendar, agencies) and its interpreter and planner. The agencies
    /// start as the embedded seed; <see cref="Agencies.StoredDirectory"/> replaces them with the stored ones.</summary>
    public static IServiceCollection AddDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => WorkingDayCalendar.Default());
        services.TryAddSingleton(_ => AgencyDirectory.Default());
        services.AddValidatedSettings<DeadlineSettings>(configuration, DeadlineSettings.Section);
        services.AddSingleton(sp => new DeadlineInterpreter(sp.GetRequiredService<WorkingDayCalendar>(),
            new DeadlineOptions { UrgentWorkingDays = sp.GetRequiredService<DeadlineSettings>().UrgentWorkingDays }));
        services.AddSingleton<DirectivePlanner>();
        return services;
    }

    /// <summary>Outbox, sender, action links (their settings are validated when the host starts).</summary>
    public static IServiceCollection AddNotices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.TryAddSingleton<Telemetry.OrchestratorMetrics>();
        services.AddValidatedSettings<SendGridOptions>(configuration, SendGridOptions.Section)
            .ValidateWith<SendGridOptions, SendGridOptionsValidator>();
        services.AddValidatedSettings<LinkOptions>(configuration, LinkOptions.Section)
            .ValidateWith<LinkOptions, LinkOptionsValidator>();
        services.TryAddSingleton(_ => AgencyDirectory.Default());
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<ActionLinkStore>();
        services.AddSingleton(sp => new ActionTokens(sp.GetRequiredService<LinkOptions>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IHostAddress>()));
        services.AddSingleton<NoticeComposer>();
        services.AddSingleton(sp => new NoticeSender(sp.GetRequiredService<OutboxStore>(), sp.GetRequiredService<SendGridOptions>(),
            sp.GetRequiredService<TimeProvider>(), logger: sp.GetService<Microsoft.Extensions.Logging.ILogger<NoticeSender>>(),
            metrics: sp.GetRequiredService<Telemetry.OrchestratorMetrics>()));
        return services;
    }
}
