using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Functions.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Functions.Tests;

/// <summary>
/// The Functions app refuses to start on invalid settings, naming the setting: its host, built as
/// Program builds it, fails in StartAsync before anything runs.
/// </summary>
public sealed class FunctionsAppSettingsTests
{
    private static FunctionsAppUnderTest BuildApp(params (string Setting, string? Value)[] overrides)
    {
        var settings = FunctionsApp.SampleSettings("UseDevelopmentStorage=true", TestNames.Unique("fn"));
        foreach (var (setting, value) in overrides) settings[setting.Replace("__", ":", StringComparison.Ordinal)] = value;
        return FunctionsApp.Build(settings);
    }

    [Fact]
    public void The_sample_settings_pass_validation()
    {
        using var app = BuildApp();
        app.Provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("Links__SigningSecret", "too-short-secret")]
    [InlineData("Escalation__MaxRepeats", "21")]
    [InlineData("SendGrid__FromEmail", "")]
    public async Task The_host_refuses_to_start_on_a_bad_setting_and_names_it(string setting, string value)
    {
        // The Functions host gives the worker the address to call back on; the worker checks it is
        // there on start, so give it one (nothing listens: the app must stop before calling it).
        using var app = BuildApp(("Functions__Worker__HostEndpoint", "http://127.0.0.1:9"), ("SendGrid__ApiKey", "SG.key"), (setting, value));

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.Host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains(setting, e.Message);
    }
}
