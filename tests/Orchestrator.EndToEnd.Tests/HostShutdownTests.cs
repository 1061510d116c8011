using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Orchestrator.Local.Storage;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Ctrl+C in a terminal signals the whole process group: the host and the Azurite it started stop
/// at the same moment. The host must still exit promptly, and Azurite must have saved its data.
/// </summary>
public sealed partial class HostShutdownTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ctrl_C_to_the_process_group_stops_the_host_within_10_s_and_Azurite_keeps_what_was_written() =>
        await StopAndRestartAsync("9301", async host =>
        {
            var clock = Stopwatch.StartNew();
            await host.SignalGroupAsync("INT");
            var exited = await host.WaitForExitAsync(ExitLimit);
            output.WriteLine($"Host exit after Ctrl+C to the group: {clock.Elapsed.TotalSeconds:0.0} s (exited: {exited}, code {(exited ? host.ExitCode : -1)})");
            Assert.True(exited, $"the host did not exit within {ExitLimit.TotalSeconds} s of SIGINT to its group");
        });

    /// <summary>Azurite is stopped by closing its standard input (no signal, so on Windows too): a host that dies leaves none running.</summary>
    [Fact]
    public async Task A_killed_host_leaves_no_Azurite_running_and_Azurite_keeps_what_was_written() =>
        await StopAndRestartAsync("9302", host => host.KillHostOnlyAsync());

    /// <summary>
    /// Runs a host in its own process group that starts its own Azurite, imports an item, stops the
    /// host with <paramref name="stop"/>, checks its Azurite ended too, then reads the item back
    /// through a host restarted on the same Azurite data folder.
    /// </summary>
    private static async Task StopAndRestartAsync(string number, Func<HostProcess, Task> stop)
    {
        var location = Path.Combine(Path.GetTempPath(), TestNames.Unique("stop-azurite"));
        var (blob, queue, table) = FreePorts();
        var environment = new Dictionary<string, string>
        {
            // Nothing listens on these ports yet: the host starts Azurite there itself, as a user's first run does.
            ["AzureWebJobsStorage"] = StorageEndpoints.OnLoopback("127.0.0.1", blob, queue, table).ToConnectionString(),
            ["Azurite__AutoStart"] = "true",
            ["Azurite__Location"] = location,
            ["TaskHubName"] = TestNames.Unique("hub"),
            ["Tables__Prefix"] = TestNames.Unique("t"),
            ["DurableTask__PartitionCount"] = "1",
            ["DurableTask__PollingIntervalSeconds"] = "1",
            ["Api__Key"] = TestHost.ApiKey,
            ["Api__AdminKey"] = TestHost.AdminKey,
            ["Links__SigningSecret"] = TestHost.SigningSecret,
        };
        var issued = new DateOnly(2026, 1, 5);
        var id = TestDirectives.Id(number, issued);
        try
        {
            await using (var host = await HostProcess.StartAsync(environment, TimeSpan.FromSeconds(120), ownProcessGroup: true))
            {
                var azuritePid = int.Parse(AzuritePid().Match(host.Output).Groups[1].Value, CultureInfo.InvariantCulture);
                using var client = ClientFor(host);
                var imported = await client.PostAsync("/api/directives", TestDirectives.Content(TestDirectives.Json(number, issued, ("1", new DateOnly(2026, 1, 30)))));
                Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
                // The item's orchestration has run and written its row: the host is busy with storage.
                await Eventually.GetAsync(() => client.ItemAsync(id, "1"), i => i.State() is not null,
                    TimeSpan.FromSeconds(60), "the item's row");

                await stop(host);
                Assert.True(await ProcessEndsAsync(azuritePid), "the Azurite the host started still runs after the host ended:\n" + host.Output);
            }

            // The same Azurite data folder, restarted: what the first run wrote is there.
            await using var again = await HostProcess.StartAsync(environment, TimeSpan.FromSeconds(120), ownProcessGroup: true);
            using var reader = ClientFor(again);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/directives/{id}")).StatusCode);
            // The item's row, written just before the stop. A host just started may still be loading
            // (directory, partitions): wait for an answer, and say what it was if the row never shows.
            var last = "";
            try
            {
                await Eventually.GetAsync(async () =>
                {
                    var response = await reader.GetAsync($"/api/items/{id}/1");
                    last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>() : default;
                }, i => i.State() is not null, TimeSpan.FromSeconds(30), "the item's row after the restart");
            }
            catch (TimeoutException)
            {
                Assert.Fail("the item's row is gone after the restart; last answer " + last + "\n" + again.Output);
            }
        }
        finally
        {
            try { Directory.Delete(location, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<bool> ProcessEndsAsync(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            using var limit = new CancellationTokenSource(ExitLimit);
            await process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (ArgumentException) { return true; } // already gone
        catch (OperationCanceledException) { return false; }
    }

    private static (int, int, int) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return (ports[0], ports[1], ports[2]);
    }

    private static HttpClient ClientFor(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", TestHost.ApiKey);
        return client;
    }

    [GeneratedRegex(@"Azurite pid (\d+)")]
    private static partial Regex AzuritePid();
}
