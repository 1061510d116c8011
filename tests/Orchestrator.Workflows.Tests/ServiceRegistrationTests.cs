using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Testing;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Tests;

public class ServiceRegistrationTests
{
    private static async Task<ServiceProvider> BuildAsync(Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = await SharedAzurite.GetConnectionStringAsync();
        settings["Tables:Prefix"] = TestNames.Unique("r");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddOrchestratorWorkflows(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task Settings_bind_to_the_options_and_the_notice_services_resolve()
    {
        await using var services = await BuildAsync(new()
        {
            ["SendGrid:ApiKey"] = "SG.key",
            ["SendGrid:BaseUrl"] = "http://127.0.0.1:9",
            ["SendGrid:FromEmail"] = "theodoi@example.org",
            ["SendGrid:FromName"] = "Văn phòng Chính phủ",
            ["Links:BaseUrl"] = "https://func.example.org",
            ["Links:SigningSecret"] = Sample.Secret,
            ["Links:ValidDays"] = "10",
        });

        var sendGrid = services.GetRequiredService<SendGridOptions>();
        var links = services.GetRequiredService<LinkOptions>();

        Assert.Equal(("SG.key", "http://127.0.0.1:9", "theodoi@example.org", "Văn phòng Chính phủ"),
            (sendGrid.ApiKey, sendGrid.BaseUrl, sendGrid.FromEmail, sendGrid.FromName));
        Assert.Equal(("https://func.example.org", 10), (links.BaseUrl, links.ValidDays));
        Assert.NotNull(services.GetRequiredService<NoticeSender>());
        Assert.NotNull(services.GetRequiredService<NoticeComposer>());
        Assert.NotNull(services.GetRequiredService<OutboxStore>());
        Assert.StartsWith("https://func.example.org/act/", services.GetRequiredService<ActionTokens>().LinksFor("x:y", "a@example.org").Complete);
    }
}
