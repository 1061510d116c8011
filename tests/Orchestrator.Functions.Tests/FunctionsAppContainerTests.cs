using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Functions.Security;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Functions.Tests.Support;
using Orchestrator.Testing;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;

namespace Orchestrator.Functions.Tests;

/// <summary>
/// The Functions app's container, built by the same method as its Program from the sample
/// settings: every function class and every service the wrappers resolve must come out of it, so
/// a missing registration fails here rather than on the first invocation in Azure.
/// </summary>
public sealed class FunctionsAppContainerTests
{
    // No storage call happens while building or resolving: the default Azurite address is enough.
    private static FunctionsAppUnderTest BuildApp(Action<IServiceCollection>? alter = null) =>
        FunctionsApp.Build(FunctionsApp.SampleSettings("UseDevelopmentStorage=true", TestNames.Unique("fn")), alter);

    [Fact]
    public void Every_function_class_and_every_activity_resolves_from_the_app_container()
    {
        using var app = BuildApp();
        Assert.Empty(AppWiring.Problems(app.Provider));
        Assert.NotEmpty(AppWiring.FunctionClasses());
    }

    [Theory]
    [InlineData("/api/admin/audit", "test-api-key", 401)]
    [InlineData("/api/admin/audit", "test-admin-key", null)]
    [InlineData("/api/items", "test-api-key", null)]
    [InlineData("/api/items", null, 401)]
    [InlineData("/act/some.token", null, null)]
    public void The_apps_authorization_middleware_asks_each_path_for_its_role(string path, string? key, int? refusedWith)
    {
        using var app = BuildApp();
        var middleware = app.Provider.GetRequiredService<ApiAuthorizationMiddleware>();
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        if (key is not null) context.Request.Headers["x-functions-key"] = key;

        var refusal = middleware.Refusal(context);

        Assert.Equal(refusedWith, (refusal as IStatusCodeHttpResult)?.StatusCode ?? (refusal is null ? null : -1));
    }

    [Fact]
    public void The_app_has_the_request_rules_middleware_the_local_host_applies_too()
    {
        // Writes must be JSON and answers are not cached (Workflows.Api.ApiRequestRules, tested there).
        using var app = BuildApp();
        Assert.NotNull(app.Provider.GetRequiredService<ApiRequestMiddleware>());
    }

    [Fact]
    public void Every_registration_of_the_app_container_validates_on_build()
    {
        using var app = BuildApp();
        using var validated = app.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void The_app_loads_the_stored_agency_directory_into_the_directory_its_activities_and_notices_use()
    {
        using var app = BuildApp();
        Assert.Contains(app.Services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
                                           && d.ImplementationType == typeof(Orchestrator.Workflows.Agencies.StoredDirectoryRefresh));
        Assert.Same(app.Provider.GetRequiredService<Orchestrator.Domain.Agencies.AgencyDirectory>(),
            app.Provider.GetRequiredService<Orchestrator.Workflows.Agencies.StoredDirectory>().Directory);
    }

    [Fact]
    public void A_missing_registration_fails_the_wiring_check_naming_what_is_missing()
    {
        using var app = BuildApp(services => services.RemoveAll<ItemContext>());
        var problems = AppWiring.Problems(app.Provider);
        Assert.Contains(problems, p => p.StartsWith(SendNoticeActivity.Name, StringComparison.Ordinal) && p.Contains(nameof(ItemContext)));
        Assert.Contains(problems, p => p.StartsWith(ReplanItemActivity.Name, StringComparison.Ordinal) && p.Contains(nameof(ItemContext)));
    }

    [Fact]
    public void The_durable_worker_client_and_shim_factory_all_use_the_apps_json_shape()
    {
        using var app = BuildApp();
        var worker = app.Provider.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        var client = app.Provider.GetRequiredService<IOptions<DurableTaskClientOptions>>().Value.DataConverter;
        Assert.NotNull(app.Provider.GetRequiredService<DurableTaskShimFactory>());

        // WorkflowJson: camelCase names, enums as camelCase strings (the local host writes the same).
        var outcome = new ItemOutcome(ItemState.CompletedOnTime, new DateTimeOffset(2024, 3, 15, 1, 0, 0, TimeSpan.Zero), 2);
        const string expected = """{"state":"completedOnTime","endedUtc":"2024-03-15T01:00:00+00:00","level":2}""";
        Assert.Equal(expected, worker.Serialize(outcome));
        Assert.Equal(expected, client.Serialize(outcome));
    }
}
