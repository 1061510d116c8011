using System.Net;
using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>The start-up banner shows the keys the host made up for this run, never keys from configuration.</summary>
public sealed partial class StartupBannerTests
{
    [Fact]
    public async Task The_banner_prints_a_generated_admin_key_that_works_and_not_the_configured_api_key()
    {
        const string configuredKey = "configured-api-key-that-must-not-be-printed";
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.GetConnectionStringAsync(),
            ["TaskHubName"] = TestNames.Unique("hub"),
            ["Tables__Prefix"] = TestNames.Unique("t"),
            ["DurableTask__PartitionCount"] = "1",
            ["Api__Key"] = configuredKey,
            ["Api__AdminKey"] = "", // unset: the host generates one and must show it
            ["Links__SigningSecret"] = TestHost.SigningSecret,
        });

        Assert.DoesNotContain(configuredKey, host.Output);
        var generated = AdminKeyLine().Match(host.Output);
        Assert.True(generated.Success, "no admin key in the banner:\n" + host.Output);
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Add("x-functions-key", generated.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/health")).StatusCode);
    }

    [GeneratedRegex(@"Admin key:\s+([0-9a-f]{32})\b")]
    private static partial Regex AdminKeyLine();
}
