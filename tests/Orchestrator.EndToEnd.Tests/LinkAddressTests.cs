using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>With Links__BaseUrl unset, the action links in emails point at the address the host really listens on.</summary>
public sealed partial class LinkAddressTests
{
    [Fact]
    public async Task Without_a_configured_base_url_an_emails_links_point_at_the_hosts_own_port()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var settings = TestHost.SendingTo(sendGrid);
        settings["Links:BaseUrl"] = null; // unset; the host listens on a random port, not 7071
        await using var host = await TestHost.StartAsync(settings);

        var issued = new DateOnly(2026, 1, 5);
        await host.ImportAsync(TestDirectives.Json("9401", issued, ("1", new DateOnly(2026, 1, 30)))); // catch-up sends one notice
        var email = await Eventually.GetAsync(() => Task.FromResult(sendGrid.Requests), r => r.Count > 0, TimeSpan.FromSeconds(30), "the email");

        var bases = LinkBase().Matches(email[0].Body.GetRawText()).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(bases);
        Assert.Equal([host.BaseAddress.GetLeftPart(UriPartial.Authority)], bases);
    }

    [GeneratedRegex(@"(https?://[^\s""'<>/]+)/act/")]
    private static partial Regex LinkBase();
}
