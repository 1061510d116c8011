using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests;

/// <summary>
/// The admin listing pages through instances with a continuation token. Backends return short
/// pages (Azure Table Storage stops a page at partition boundaries and time limits, even with
/// nothing in it), so pages must never add up past the limit and lose the rows beyond it.
/// </summary>
public sealed class AdminListingTests
{
    /// <summary>
    /// A backend over a fixed list that answers each page with fewer rows than asked, following a
    /// repeating pattern (an empty page included), never more than asked. The token is the offset.
    /// </summary>
    private sealed class ShortPagesClient(IReadOnlyList<string> ids) : DurableTaskClient("short-pages")
    {
        private static readonly int[] PageSizes = [3, 0, 1, 5, 2, 8];
        private int _pagesServed;

        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
            Pageable.Create((continuation, pageSize, _) =>
            {
                var start = string.IsNullOrEmpty(continuation) ? 0 : int.Parse(continuation, CultureInfo.InvariantCulture);
                var asked = pageSize ?? filter?.PageSize ?? 100;
                var count = Math.Min(Math.Min(asked, PageSizes[_pagesServed++ % PageSizes.Length]), ids.Count - start);
                var rows = ids.Skip(start).Take(count).Select(id => new OrchestrationMetadata("ItemOrchestrator", id)
                {
                    RuntimeStatus = OrchestrationRuntimeStatus.Running,
                }).ToList();
                var next = start + count;
                return Task.FromResult(new Page<OrchestrationMetadata>(rows, next < ids.Count ? next.ToString(CultureInfo.InvariantCulture) : null));
            });

        public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotImplementedException();
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static AdminApi Api()
    {
        // The ids below are not items' ids, so the listing never reads the read model: no storage is touched.
        var storage = new TableStorage(new TableServiceClient("UseDevelopmentStorage=true"), "unused");
        var options = new AdminOptions();
        return new AdminApi(new ItemStore(storage), new AuditStore(storage, TimeProvider.System),
            new BulkRunner(new AuditStore(storage, TimeProvider.System), new Pacer(options, TimeProvider.System), options, TimeProvider.System),
            new ClientInstanceHistory(), new JsonBody(new ApiOptions()),
            new ItemEventRules(AgencyDirectory.Default()), options, TimeProvider.System);
    }

    private static async Task<JsonElement> ListAsync(AdminApi api, DurableTaskClient durable, int limit, string? continuation)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = QueryString.Create([
            new("limit", limit.ToString(CultureInfo.InvariantCulture)), .. continuation is null ? [] : new KeyValuePair<string, string?>[] { new("continuation", continuation) }]);
        var result = await api.ListAsync(durable, context.Request);
        var value = Assert.IsAssignableFrom<IValueHttpResult>(result).Value;
        return JsonSerializer.SerializeToElement(value, WorkflowJson.Options);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(50)]
    public async Task Paging_with_the_continuation_returns_every_instance_once_in_order_for_any_limit(int limit)
    {
        var ids = Enumerable.Range(1, 23).Select(i => $"instance-{i:D2}").ToList();
        var durable = new ShortPagesClient(ids);
        var api = Api();

        var listed = new List<string>();
        string? continuation = null;
        for (var call = 0; call < 100; call++)
        {
            var page = await ListAsync(api, durable, limit, continuation);
            var rows = page.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!).ToList();
            Assert.InRange(rows.Count, 0, limit);
            Assert.Equal(rows.Count, page.GetProperty("count").GetInt32());
            listed.AddRange(rows);
            continuation = page.TryGetProperty("continuation", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            Assert.Equal(continuation is not null, page.GetProperty("truncated").GetBoolean());
            if (continuation is null) break;
            // A full listing until the end: a short answer only when the backend has nothing more.
            Assert.Equal(limit, rows.Count);
        }
        Assert.Equal(ids, listed);
    }
}
