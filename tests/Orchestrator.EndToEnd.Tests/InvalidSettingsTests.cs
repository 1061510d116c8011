using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>The local host process refuses to start on invalid settings: exit code 1 and a message naming the setting.</summary>
public sealed class InvalidSettingsTests
{
    [Theory]
    [InlineData("Links__SigningSecret", "too-short-secret", "at least 32 characters")]
    [InlineData("Escalation__MaxRepeats", "21", "from 0 to 20; got 21")]
    [InlineData("SendGrid__FromEmail", "", "SendGrid__ApiKey is set")]
    [InlineData("DurableTask__PartitionCount", "17", "between 1 and 16")]
    public async Task The_host_exits_with_1_and_names_the_bad_setting(string setting, string value, string rule)
    {
        var (exitCode, output) = await HostProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.GetConnectionStringAsync(),
            ["TaskHubName"] = TestNames.Unique("hub"),
            ["Tables__Prefix"] = TestNames.Unique("t"),
            ["Links__SigningSecret"] = TestHost.SigningSecret,
            ["SendGrid__ApiKey"] = "SG.test-key",
            ["SendGrid__FromEmail"] = "no-reply@example.org",
            [setting] = value,
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var reason = output.Split('\n').SkipWhile(l => !l.StartsWith("The local host could not start", StringComparison.Ordinal)).ToList();
        Assert.True(reason.Count > 0, "no start-up failure message:\n" + output);
        Assert.Contains(reason, l => l.Contains(setting, StringComparison.Ordinal) && l.Contains(rule, StringComparison.Ordinal));
    }
}
