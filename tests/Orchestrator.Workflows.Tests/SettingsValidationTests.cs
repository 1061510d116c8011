using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Tests;

/// <summary>
/// Every settings section is validated when a host starts (IStartupValidator is what the generic
/// host runs in StartAsync), and a failure names the setting as it is written in app settings.
/// </summary>
public class SettingsValidationTests
{
    private static ServiceProvider Build(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            // No storage call happens while building or validating.
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Links:SigningSecret"] = Sample.Secret,
        };
        foreach (var (key, value) in overrides) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddOrchestratorWorkflows(configuration).BuildServiceProvider();
    }

    private static string StartUpFailure(params (string Key, string? Value)[] overrides)
    {
        using var services = Build(overrides);
        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        return e.Message;
    }

    [Theory]
    [InlineData("Links:SigningSecret", "", "Links__SigningSecret", "is missing")]
    [InlineData("Links:SigningSecret", "too-short-secret", "Links__SigningSecret", "at least 32 characters")]
    [InlineData("Links:SigningSecret", "@Microsoft.KeyVault(SecretUri=https://kv-orc.vault.azure.net/secrets/Links--SigningSecret)",
        "Links__SigningSecret", "could not resolve")]
    [InlineData("Api:AdminKey", "@Microsoft.KeyVault(SecretUri=https://kv-orc.vault.azure.net/secrets/Api--AdminKey)",
        "Api__AdminKey", "could not resolve")]
    [InlineData("Links:BaseUrl", "func.example.org", "Links__BaseUrl", "absolute http(s) URL")]
    [InlineData("Links:ValidDays", "0", "Links__ValidDays", "between 1 and 3650")]
    [InlineData("Escalation:MaxRepeats", "21", "Escalation__MaxRepeats", "from 0 to 20; got 21")]
    [InlineData("Escalation:RepeatEveryDays", "0", "Escalation__RepeatEveryDays", "from 1 to 365; got 0")]
    [InlineData("Escalation:ReminderDaysBefore", "-1", "Escalation__ReminderDaysBefore", "from 0 to 365; got -1")]
    [InlineData("Api:MaxBodyBytes", "0", "Api__MaxBodyBytes", "between")]
    [InlineData("Admin:BulkParallelism", "0", "Admin__BulkParallelism", "between")]
    [InlineData("Admin:BulkMaxPerSecond", "0", "Admin__BulkMaxPerSecond", "between")]
    [InlineData("SendGrid:MaxAttempts", "0", "SendGrid__MaxAttempts", "between")]
    [InlineData("SendGrid:BaseUrl", "localhost:9", "SendGrid__BaseUrl", "absolute http(s) URL")]
    [InlineData("SendGrid:RequestTimeout", "00:00:00", "SendGrid__RequestTimeout", "longer than zero")]
    [InlineData("Tables:Prefix", "1orc", "Tables__Prefix", "letters or digits, starting with a letter")]
    [InlineData("Tables:Prefix", "", "Tables__Prefix", "required")]
    [InlineData("Deadlines:UrgentWorkingDays", "0", "Deadlines__UrgentWorkingDays", "between 1 and 60")]
    [InlineData("Operations:PurgeEndedAfterDays", "-1", "Operations__PurgeEndedAfterDays", "between 0 and 36500")]
    public void A_bad_setting_stops_start_up_and_the_error_names_the_setting(string key, string value, string setting, string rule)
    {
        var message = StartUpFailure((key, value));

        Assert.Contains(setting, message);
        Assert.Contains(rule, message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-address")]
    public void A_SendGrid_key_without_a_valid_sender_stops_start_up(string? sender)
    {
        var message = StartUpFailure(("SendGrid:ApiKey", "SG.key"), ("SendGrid:FromEmail", sender));

        Assert.Contains("SendGrid__FromEmail", message);
        Assert.Contains("SendGrid__ApiKey is set", message);
    }

    [Fact]
    public void Without_a_SendGrid_key_no_sender_is_needed()
    {
        using var services = Build(("SendGrid:ApiKey", ""), ("SendGrid:FromEmail", ""));
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        using var services = Build(("Links:SigningSecret", "short"), ("Escalation:MaxRepeats", "99"), ("SendGrid:ApiKey", "SG.key"));

        var e = Assert.Throws<AggregateException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var failures = e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(v => v.Failures).ToList();
        Assert.Contains(failures, f => f.StartsWith("Links__SigningSecret", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Escalation__MaxRepeats", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("SendGrid__FromEmail", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_settings_pass_and_bind_to_what_the_services_use()
    {
        using var services = Build(("Escalation:MaxRepeats", "1"), ("Escalation:Level2AfterDays", "5"),
            ("Api:MaxBodyBytes", "2048"), ("Admin:BulkParallelism", "2"), ("Admin:BulkMaxPerSecond", "0.5"), ("Links:ValidDays", "7"),
            ("SendGrid:ApiKey", "SG.key"), ("SendGrid:FromEmail", "theodoi@example.org"));

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(EscalationPolicy.Default with { Level3MaxRepeats = 1, Level2DaysAfterLevel1 = 5 }, services.GetRequiredService<EscalationPolicy>());
        Assert.Equal(2048, services.GetRequiredService<ApiOptions>().MaxBodyBytes);
        Assert.Equal(2, services.GetRequiredService<AdminOptions>().BulkParallelism);
        Assert.Equal(0.5, services.GetRequiredService<AdminOptions>().BulkMaxPerSecond); // a fraction is not rounded to 0 and refused
        Assert.Equal(7, services.GetRequiredService<LinkOptions>().ValidDays);
        Assert.Equal("theodoi@example.org", services.GetRequiredService<SendGridOptions>().FromEmail);
    }
}
