using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Local.Storage;

namespace Orchestrator.Local.Commands.Bench;

/// <summary>What the bench's scenarios share: a fresh Azurite each, the project's host on it, and the probes.</summary>
internal static class BenchHosts
{
    /// <summary>Same provider settings on both sides (the local host's defaults, which the raw subject copies).</summary>
    public const int PartitionCount = 4;
    public const double PollingIntervalSeconds = 2;

    /// <summary>A fresh Azurite in its own folder under the temp directory, deleted when it stops.</summary>
    public static async Task<FreshAzurite> AzuriteAsync(string stem)
    {
        var location = Path.Combine(Path.GetTempPath(), $"orchestrator-bench-{stem}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        return new FreshAzurite(await AzuriteServer.StartAsync(location), location);
    }

    /// <summary>The local host of this process on <paramref name="storage"/>, with room for a directive of tens of thousands of items.</summary>
    public static Task<ScratchHost> ProjectAsync(string storage, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [Workflows.Storage.StorageConnection.SettingName] = storage,
            ["DurableTask:PartitionCount"] = PartitionCount.ToString(CultureInfo.InvariantCulture),
            ["DurableTask:PollingIntervalSeconds"] = PollingIntervalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Api:MaxBodyBytes"] = (256L * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            ["SendGrid:ApiKey"] = "", // notices are stored as NotSent: no email service in the figures
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return ScratchHost.StartAsync("bench", TimeSpan.FromMinutes(10), settings);
    }

    /// <summary>Items of the directive whose orchestration runs and has written its custom status: each waits on its first timer.</summary>
    public static async Task<int> CountWaitingAsync(ScratchHost host, string directiveId)
    {
        var durable = host.Host.App.Services.GetRequiredService<DurableTaskClient>();
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = directiveId + ":",
            Statuses = [OrchestrationRuntimeStatus.Running],
            PageSize = 1000,
        };
        var waiting = 0;
        await foreach (var instance in durable.GetAllInstancesAsync(query))
            if (!string.IsNullOrEmpty(instance.SerializedCustomStatus)) waiting++;
        return waiting;
    }

    public static TimeSpan? CpuOf(int processId)
    {
        try { using var p = Process.GetProcessById(processId); return p.TotalProcessorTime; }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return null; }
    }

    public static TimeSpan OwnCpu()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime;
    }

    /// <summary>This process's working set now and at its peak, in MiB (the host runs in it).</summary>
    public static (long WorkingSetMiB, long PeakMiB) Memory()
    {
        using var p = Process.GetCurrentProcess();
        return (p.WorkingSet64 >> 20, p.PeakWorkingSet64 >> 20);
    }

    public static string DirectiveIdOf(JsonElement importAnswer) => importAnswer.GetProperty("directiveId").GetString()!;
}

/// <summary>A fresh Azurite and its folder, both gone when disposed.</summary>
internal sealed class FreshAzurite(AzuriteServer server, string location) : IAsyncDisposable
{
    public AzuriteServer Server { get; } = server;
    public string ConnectionString => Server.ConnectionString;
    public TimeSpan? Cpu => BenchHosts.CpuOf(Server.ProcessId);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(location, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
