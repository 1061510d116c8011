using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Testing;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Workflows.Tests;

/// <summary>
/// Problem details are written by the host's HTTP JSON options, not WorkflowJson: both hosts must
/// write their enums as bodies do (camelCase names), as the OpenAPI document describes them.
/// </summary>
public sealed class ProblemJsonTests
{
    [Fact]
    public async Task An_enum_in_a_problem_extension_is_written_as_its_camel_case_name_as_in_bodies()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.GetConnectionStringAsync(),
            ["Tables:Prefix"] = TestNames.Unique("p"),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddOrchestratorWorkflows(configuration).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        await ApiResults.Problem(StatusCodes.Status409Conflict, "The item has ended", "detail",
            extensions: new Dictionary<string, object?> { ["state"] = ItemState.CompletedOnTime }).ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("completedOnTime", problem.RootElement.GetProperty("state").GetString());
    }
}
