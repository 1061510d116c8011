using Orchestrator.Local.Commands.StorageBench;
using Orchestrator.Local.Storage;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>What the stored directory costs in storage requests, counted by a proxy in front of Azurite:
/// the start seeds and loads it; importing, planning and tracking then read it from memory only.</summary>
public sealed class AgencyDirectoryCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_start_loads_the_directory_once_and_an_import_with_its_plans_reads_no_agency_from_storage()
    {
        var target = StorageEndpoints.FromConnectionString(await SharedAzurite.GetConnectionStringAsync())!;
        await using var proxy = await CountingStorageProxy.StartAsync(target);
        var prefix = TestNames.Unique("t");
        proxy.HiddenName = prefix;
        static bool Directory(StorageRequest r) => r.Operation.Contains("Agencies", StringComparison.Ordinal);

        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = proxy.ConnectionString },
            tablePrefix: prefix);
        var atStart = proxy.Requests.Where(Directory).Select(r => r.Operation).ToList();
        output.WriteLine("start: " + string.Join(", ", atStart));
        // "Is it empty?", then the load (the seed between them is one transaction, a $batch the proxy does not name by table).
        Assert.Equal(["table GET *Agencies()", "table GET *Agencies()"], atStart);

        var mark = proxy.Now;
        var issued = new DateOnly(2025, 8, 4);
        var labels = Enumerable.Range(1, 10).Select(i => ($"{i}", new DateOnly(2025, 12, 31))).ToArray();
        await host.ImportAsync(TestDirectives.Json("93", issued, labels, "VPCP-COST"));
        foreach (var (label, _) in labels)
            await Eventually.GetAsync(() => host.Client.ItemAsync("2025-93-VPCP-COST", label), i => i.State() is not null,
                TimeSpan.FromSeconds(60), $"item {label} recorded");
        var during = proxy.Between(mark, proxy.Now);
        output.WriteLine($"import of 10 items: {during.Count} storage requests, {during.Count(Directory)} for the directory");
        Assert.DoesNotContain(during, Directory);
    }
}
