using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Orchestrator.Local.Commands.StorageBench;
using Orchestrator.Local.Storage;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// bench-storage's figures are only as good as its counting proxy: every request that reaches
/// storage through it is counted once, under the right service and operation, and answered as
/// storage answered it.
/// </summary>
public sealed class CountingStorageProxyTests
{
    [Fact]
    public async Task Counts_every_table_upsert_once_and_passes_the_rows_through_unchanged()
    {
        const int upserts = 25;
        var target = StorageEndpoints.FromConnectionString(await SharedAzurite.GetConnectionStringAsync())!;
        await using var proxy = await CountingStorageProxy.StartAsync(target);
        var name = TestNames.Unique("proxy");
        proxy.HiddenName = name;
        var table = new TableServiceClient(proxy.ConnectionString).GetTableClient(name + "Rows");

        await table.CreateAsync();
        for (var i = 0; i < upserts; i++)
            await table.UpsertEntityAsync(new TableEntity("p", $"r{i}") { ["Text"] = $"ô 'quoted' #{i}" });
        var read = await table.GetEntityAsync<TableEntity>("p", "r7");

        // Read past the proxy: the rows are in storage as written.
        var direct = new TableServiceClient(target.ToConnectionString()).GetTableClient(name + "Rows");
        var stored = 0;
        await foreach (var _ in direct.QueryAsync<TableEntity>()) stored++;
        Assert.Equal(upserts, stored);
        Assert.Equal("ô 'quoted' #7", read.Value.GetString("Text"));

        var counts = proxy.Requests.GroupBy(r => r.Operation).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int>
        {
            ["table POST Tables"] = 1,
            ["table PATCH *Rows(key)"] = upserts, // an upsert (merge) is a PATCH of one entity
            ["table GET *Rows(key)"] = 1,
        }, counts);
        Assert.All(proxy.Requests, r => Assert.Equal(StorageService.Table, r.Service));
    }

    [Fact]
    public async Task Tells_queue_and_blob_requests_apart_and_names_their_operations()
    {
        var target = StorageEndpoints.FromConnectionString(await SharedAzurite.GetConnectionStringAsync())!;
        await using var proxy = await CountingStorageProxy.StartAsync(target);
        var name = TestNames.Unique("proxy");
        proxy.HiddenName = name;

        var queue = new QueueClient(proxy.ConnectionString, name + "-work");
        await queue.CreateAsync();
        await queue.SendMessageAsync("hello");
        await queue.SendMessageAsync("again");
        var received = (await queue.ReceiveMessagesAsync(maxMessages: 2)).Value;
        foreach (var message in received) await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        var container = new BlobContainerClient(proxy.ConnectionString, name + "-leases");
        await container.CreateAsync();
        await container.GetBlobClient("0").UploadAsync(BinaryData.FromString("lease"));

        Assert.Equal(["hello", "again"], received.Select(m => m.MessageText));
        var counts = proxy.Requests.GroupBy(r => (r.Service, r.Operation)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<(StorageService, string), int>
        {
            [(StorageService.Queue, "queue PUT *-work")] = 1,
            [(StorageService.Queue, "queue POST *-work/messages")] = 2,
            [(StorageService.Queue, "queue GET *-work/messages")] = 1,
            [(StorageService.Queue, "queue DELETE *-work/messages/{id}")] = 2,
            [(StorageService.Blob, "blob PUT *-leases?restype=container")] = 1,
            [(StorageService.Blob, "blob PUT *-leases/{blob}")] = 1,
        }, counts);
    }
}
