using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Local;
using Orchestrator.Local.Commands;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>The operator verbs run in-process against a local host: show, single-instance actions, audit, errors.</summary>
public sealed class CliAdminTests : IAsyncLifetime
{
    private const string Directive = "2024-79-VPCP-CLI";
    private TestHost _host = null!;
    private AdminFixture _ops = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _ops = new AdminFixture(_host);
    }

    public async Task DisposeAsync()
    {
        _ops.Admin.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<(int Code, string Stdout, string Stderr)> CliAsync(string verb, string key, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([verb, .. args, "--url", _host.BaseAddress.ToString(), "--key", key, "--operator", "cli-test"], new CliContext(stdout, stderr));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Show_restart_and_audit_work_from_the_command_line_and_a_wrong_key_changes_nothing()
    {
        var id = $"{Directive}:7.a";
        await _ops.BreakTimelineAsync();
        await _ops.StartItemAsync(Directive, "7.a");
        await _ops.WaitForStatusAsync(id, "Failed");
        await _ops.RepairTimelineAsync();

        var show = await CliAsync("show", TestHost.AdminKey, id);
        Assert.Equal(0, show.Code);
        Assert.Contains("Status:    Failed", show.Stdout);
        Assert.Contains("Failure:   RecordItemActivity: The table specified does not exist.", show.Stdout);
        Assert.Contains("Actions:   rewind, restart, purge", show.Stdout);
        Assert.Contains("TaskFailed", show.Stdout);
        Assert.All(show.Stdout.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 100, line));

        var usage = await CliAsync("restart", TestHost.AdminKey, id);
        Assert.Equal(1, usage.Code);
        Assert.Contains("--reason is required", usage.Stderr);

        var wrongKey = await CliAsync("restart", TestHost.ApiKey, id, "--reason", "not an admin");
        Assert.Equal(2, wrongKey.Code);
        Assert.Contains("401", wrongKey.Stderr);
        Assert.Equal("Failed", (await _ops.GetJsonAsync($"/api/admin/instances/{AdminFixture.Escape(id)}")).GetProperty("runtimeStatus").GetString());

        var restart = await CliAsync("restart", TestHost.AdminKey, id, "--reason", "table restored");
        Assert.True(restart.Code == 0, restart.Stderr);
        Assert.Contains("was Failed: ok", restart.Stdout);
        await _ops.WaitForStatusAsync(id, "Running");
        var item = await Eventually.GetAsync(
            () => _host.Client.GetFromJsonAsync<JsonElement>($"/api/items/{Directive}/7.a"),
            i => i.GetProperty("timeline").GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the timeline entry");
        Assert.Equal("Open", item.GetProperty("item").GetProperty("state").GetString());

        var refused = await CliAsync("rewind", TestHost.AdminKey, id, "--reason", "again");
        Assert.Equal(2, refused.Code);
        Assert.Contains("409", refused.Stderr);

        var audit = await CliAsync("audit", TestHost.AdminKey, "--instance", id);
        Assert.Equal(0, audit.Code);
        var lines = audit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // header, restart, refused rewind
        Assert.Contains("admin key", lines[1]); // the key authenticated; --operator is only a note
        Assert.Contains("restart", lines[1]);
        Assert.Contains("refused", lines[2]);
        var auditJson = await CliAsync("audit", TestHost.AdminKey, "--instance", id, "--json");
        Assert.All(JsonDocument.Parse(auditJson.Stdout).RootElement.GetProperty("entries").EnumerateArray(), e =>
        {
            Assert.Equal("admin key", e.GetProperty("who").GetString());
            Assert.Equal("cli-test", e.GetProperty("onBehalfOf").GetString());
        });

        var bulkWithoutFilter = await CliAsync("terminate", TestHost.AdminKey, "--reason", "everything?");
        Assert.Equal(1, bulkWithoutFilter.Code);
        Assert.Contains("needs at least one filter", bulkWithoutFilter.Stderr);
    }
}
