using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>The admin API on the real backend and Azurite: find, inspect, rewind, restart, act, purge, audit, keys.</summary>
public sealed class AdminApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Directive = "2024-77-VPCP-ADM";
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

    [Fact]
    public async Task A_failed_item_is_listed_with_its_reason_then_rewound_once_after_the_storage_recovers()
    {
        var id = $"{Directive}:1.a";
        await _ops.BreakTimelineAsync();
        await _ops.StartItemAsync(Directive, "1.a");
        await _ops.WaitForStatusAsync(id, "Failed");

        var failed = await _ops.GetJsonAsync($"/api/admin/instances?status=Failed&prefix={Directive}");
        var row = Assert.Single(failed.GetProperty("instances").EnumerateArray());
        Assert.Equal(id, row.GetProperty("instanceId").GetString());
        Assert.Contains("RecordItemActivity", row.GetProperty("failureMessage").GetString());
        Assert.Contains("The table specified does not exist", row.GetProperty("failureMessage").GetString());
        Assert.Equal("BTC", row.GetProperty("item").GetProperty("agency").GetString());
        Assert.Equal("1.a", row.GetProperty("item").GetProperty("label").GetString());

        var detail = await _ops.GetJsonAsync($"/api/admin/instances/{AdminFixture.Escape(id)}");
        Assert.Equal(Directive, detail.GetProperty("input").GetProperty("directiveId").GetString());
        Assert.Contains("rewind", detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        var events = detail.GetProperty("history").GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "TaskFailed"
                                     && e.GetProperty("name").GetString() == "RecordItemActivity");
        output.WriteLine(string.Join("\n", events.Select(e => e.ToString())));

        await _ops.RepairTimelineAsync();
        var (status, body) = await _ops.PostAsync($"/api/admin/instances/{AdminFixture.Escape(id)}/rewind", new { reason = "storage recovered" });
        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
        // The Azure Storage backend marks a rewound instance Pending at once (a re-run of a bulk
        // rewind skips it) and keeps that status until the orchestration's next episode.
        var statusAfter = (await _ops.GetJsonAsync($"/api/admin/instances/{AdminFixture.Escape(id)}")).GetProperty("runtimeStatus").GetString();
        Assert.NotEqual("Failed", statusAfter);
        output.WriteLine("right after the rewind call: " + statusAfter);

        var item = await Eventually.GetAsync(
            () => _host.Client.GetFromJsonAsync<JsonElement>($"/api/items/{Directive}/1.a"),
            i => i.GetProperty("timeline").GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the timeline entry");
        Assert.Equal("Open", item.GetProperty("item").GetProperty("state").GetString());
        Assert.Single(item.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "Assigned");

        // It is really back: it takes its completion and ends normally.
        var complete = await _host.Client.PostAsJsonAsync($"/api/items/{Directive}/1.a/complete", new { reportNumber = "1/BC" });
        Assert.Equal(HttpStatusCode.Accepted, complete.StatusCode);
        await _ops.WaitForStatusAsync(id, "Completed");
        var done = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/items/{Directive}/1.a");
        Assert.Equal("CompletedOnTime", done.GetProperty("item").GetProperty("state").GetString());

        var audit = await _ops.AuditAsync(id);
        var rewind = Assert.Single(audit, e => e.GetProperty("action").GetString() == "rewind");
        Assert.Equal("admin key", rewind.GetProperty("who").GetString());
        Assert.Equal("ops-test@example.org", rewind.GetProperty("onBehalfOf").GetString());
        Assert.Equal("storage recovered", rewind.GetProperty("reason").GetString());
        Assert.Equal("ok", rewind.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Unauthorised_calls_get_401_and_change_nothing_then_restart_runs_the_failed_item_again()
    {
        var id = $"{Directive}:2.a";
        await _ops.BreakTimelineAsync();
        await _ops.StartItemAsync(Directive, "2.a");
        await _ops.WaitForStatusAsync(id, "Failed");
        await _ops.RepairTimelineAsync();

        var path = $"/api/admin/instances/{AdminFixture.Escape(id)}/restart";
        var functionKey = await _host.Client.PostAsJsonAsync(path, new { reason = "not an admin" });
        Assert.Equal(HttpStatusCode.Unauthorized, functionKey.StatusCode);
        Assert.Equal("application/problem+json", functionKey.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous.PostAsJsonAsync(path, new { reason = "anonymous" })).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/admin/bulk/restart") { Content = JsonContent.Create(new { reason = "wrong key" }) })
        {
            wrong.Headers.Add("x-functions-key", "not-the-admin-key");
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous.SendAsync(wrong)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.GetAsync("/api/admin/instances?status=Failed")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.GetAsync("/api/admin/audit")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("Failed", (await _ops.GetJsonAsync($"/api/admin/instances/{AdminFixture.Escape(id)}")).GetProperty("runtimeStatus").GetString());
        Assert.Empty(await _ops.AuditAsync(id));

        var (noReason, problem) = await _ops.PostAsync(path, new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Equal("reason", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        var (badAction, actionProblem) = await _ops.PostAsync($"/api/admin/instances/{AdminFixture.Escape(id)}/reboot", new { reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badAction);
        Assert.Equal("action", actionProblem.GetProperty("errors")[0].GetProperty("field").GetString());

        var (status, body) = await _ops.PostAsync(path, new { reason = "storage recovered; start over" });
        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
        await _ops.WaitForStatusAsync(id, "Running");
        var item = await Eventually.GetAsync(
            () => _host.Client.GetFromJsonAsync<JsonElement>($"/api/items/{Directive}/2.a"),
            i => i.GetProperty("timeline").GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the timeline entry");
        Assert.Equal("Open", item.GetProperty("item").GetProperty("state").GetString());
        Assert.Single(item.GetProperty("timeline").EnumerateArray());
        // A new execution: its history starts over and records the item once.
        Assert.Equal(1, await _ops.ScheduledCountAsync(id, "RecordItemActivity"));

        var audit = await _ops.AuditAsync(id);
        Assert.Equal(["restart"], audit.Select(e => e.GetProperty("action").GetString()!));
        Assert.Equal("ok", audit[0].GetProperty("result").GetString());
    }

    [Fact]
    public async Task Suspend_resume_raise_terminate_and_purge_are_applied_audited_and_refused_when_they_do_not_apply()
    {
        var id = $"{Directive}:3.a";
        var escaped = AdminFixture.Escape(id);
        await _ops.StartItemAsync(Directive, "3.a");
        await _ops.WaitForStatusAsync(id, "Running");

        Assert.Equal(HttpStatusCode.Accepted, (await _ops.PostAsync($"/api/admin/instances/{escaped}/suspend", new { reason = "agency asked to pause" })).Status);
        await _ops.WaitForStatusAsync(id, "Suspended");
        // The reason comes from the JSON body: one in the query alone is not a reason (a body-less post
        // is what a cross-site page could send), and a post without a JSON body is a 415.
        var (queryReason, queryProblem) = await _ops.PostAsync($"/api/admin/instances/{escaped}/resume?reason=pause%20over", new { });
        Assert.Equal(HttpStatusCode.BadRequest, queryReason);
        Assert.Contains("reason", queryProblem.ToString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _ops.PostAsync($"/api/admin/instances/{escaped}/resume?reason=pause%20over", null)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await _ops.PostAsync($"/api/admin/instances/{escaped}/resume", new { reason = "pause over" })).Status);
        await _ops.WaitForStatusAsync(id, "Running");
        var (raised, _) = await _ops.PostAsync($"/api/admin/instances/{escaped}/raise",
            new { reason = "operator note", eventName = "OperatorNote", eventData = new { note = "checked" } });
        Assert.Equal(HttpStatusCode.Accepted, raised);
        var (noName, noNameProblem) = await _ops.PostAsync($"/api/admin/instances/{escaped}/raise", new { reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noName);
        Assert.Equal("eventName", noNameProblem.GetProperty("errors")[0].GetProperty("field").GetString());
        // An item event the orchestration could not read would fail it: refused before it is raised.
        var (badItemEvent, badItemEventProblem) = await _ops.PostAsync($"/api/admin/instances/{escaped}/raise",
            new { reason = "x", eventName = "ItemEvent", eventData = new { note = "no kind" } });
        Assert.Equal(HttpStatusCode.BadRequest, badItemEvent);
        Assert.Equal("eventData", badItemEventProblem.GetProperty("errors")[0].GetProperty("field").GetString());
        // So would a grant the item cannot plan (its last year needs the year after it: 2100 is outside the calendar), or a transfer to an agency the directory does not know.
        var (unplannable, unplannableProblem) = await _ops.PostAsync($"/api/admin/instances/{escaped}/raise", new
        {
            reason = "x", eventName = "ItemEvent",
            eventData = new { eventId = "grant1", kind = "extensionGranted", actor = "ops", atUtc = DateTimeOffset.UtcNow, newDueDate = "2099-06-30" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unplannable);
        Assert.Equal("eventData.newDueDate", unplannableProblem.GetProperty("errors")[0].GetProperty("field").GetString());
        var (unknownAgency, unknownAgencyProblem) = await _ops.PostAsync($"/api/admin/instances/{escaped}/raise", new
        {
            reason = "x", eventName = "ItemEvent",
            eventData = new { eventId = "transfer1", kind = "transferred", actor = "ops", atUtc = DateTimeOffset.UtcNow, toAgency = "NO-SUCH-AGENCY" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknownAgency);
        Assert.Equal("eventData.toAgency", unknownAgencyProblem.GetProperty("errors")[0].GetProperty("field").GetString());

        var (rewindRunning, rewindProblem) = await _ops.PostAsync($"/api/admin/instances/{escaped}/rewind", new { reason = "try" });
        Assert.Equal(HttpStatusCode.Conflict, rewindRunning);
        Assert.Contains("Failed", rewindProblem.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await _ops.PostAsync($"/api/admin/instances/{escaped}/terminate", new { reason = "duplicate item" })).Status);
        await _ops.WaitForStatusAsync(id, "Terminated");
        Assert.Equal(HttpStatusCode.Accepted, (await _ops.PostAsync($"/api/admin/instances/{escaped}/purge", new { reason = "clean up" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.Admin.GetAsync($"/api/admin/instances/{escaped}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.PostAsync($"/api/admin/instances/{escaped}/purge", new { reason = "again" })).Status);

        var audit = await _ops.AuditAsync(id);
        Assert.Equal(["suspend", "resume", "raise", "rewind", "terminate", "purge", "purge"],
            audit.Select(e => e.GetProperty("action").GetString()!));
        Assert.StartsWith("refused", audit[3].GetProperty("result").GetString());
        Assert.Equal("not found", audit[6].GetProperty("result").GetString());
        Assert.All(audit, e => Assert.Equal("admin key", e.GetProperty("who").GetString()));
    }

    [Fact]
    public async Task The_audit_names_the_authenticated_key_and_keeps_the_operator_header_only_as_a_note()
    {
        using var spoofing = new HttpClient { BaseAddress = _host.BaseAddress };
        spoofing.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        spoofing.DefaultRequestHeaders.Add("x-operator", "director@vpcp.example.org");
        spoofing.DefaultRequestHeaders.Add("x-ms-client-principal-name", "director@vpcp.example.org"); // no Easy Auth here
        var unknown = "2024-77-VPCP-WHO:1.a";
        var response = await spoofing.PostAsJsonAsync($"/api/admin/instances/{AdminFixture.Escape(unknown)}/terminate", new { reason = "who am I" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = _host.BaseAddress };
        anonymous.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        await anonymous.PostAsJsonAsync($"/api/admin/instances/{AdminFixture.Escape(unknown)}/purge", new { reason = "no note" });

        var audit = await _ops.AuditAsync(unknown);
        Assert.Equal(["terminate", "purge"], audit.Select(e => e.GetProperty("action").GetString()!));
        Assert.All(audit, e => Assert.Equal("admin key", e.GetProperty("who").GetString()));
        Assert.Equal("director@vpcp.example.org", audit[0].GetProperty("onBehalfOf").GetString());
        Assert.False(audit[1].TryGetProperty("onBehalfOf", out _));
    }

    [Fact]
    public async Task A_terminate_reason_is_stored_as_output_serialized_by_the_data_converter_as_the_Functions_host_stores_it()
    {
        var id = $"{Directive}:6.a";
        await _ops.StartItemAsync(Directive, "6.a");
        await _ops.WaitForStatusAsync(id, "Running");
        var (status, _) = await _ops.PostAsync($"/api/admin/instances/{AdminFixture.Escape(id)}/terminate", new { reason = "trùng lặp \"7.b\"" });
        Assert.Equal(HttpStatusCode.Accepted, status);
        await _ops.WaitForStatusAsync(id, "Terminated");

        // The SDK's client (the Functions host's) passes the output through its data converter: a JSON string is stored.
        var durable = (Microsoft.DurableTask.Client.DurableTaskClient)_host.Services.GetService(typeof(Microsoft.DurableTask.Client.DurableTaskClient))!;
        var instance = (await durable.GetInstanceAsync(id, getInputsAndOutputs: true))!;
        Assert.Equal("terminated by an operator: trùng lặp \"7.b\"", instance.ReadOutputAs<string>());
        var shown = await _ops.GetJsonAsync($"/api/admin/instances/{AdminFixture.Escape(id)}");
        Assert.Equal("terminated by an operator: trùng lặp \"7.b\"", shown.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Purge_removes_only_ended_instances_created_before_the_cut_off()
    {
        const string prefix = "2024-78-VPCP-PRG:";
        const string newPrefix = "2024-78-VPCP-PRGB:"; // a second directive: a directive is imported once
        await _ops.StartItemsAsync("2024-78-VPCP-PRG", ["old1", "old2", "old3"]);
        foreach (var label in new[] { "old1", "old2", "old3" }) await _ops.WaitForStatusAsync(prefix + label, "Running");
        foreach (var label in new[] { "old1", "old2" })
            await _ops.PostAsync($"/api/admin/instances/{AdminFixture.Escape(prefix + label)}/terminate", new { reason = "test" });
        await Task.Delay(1500);
        var cutOff = DateTimeOffset.UtcNow;
        await Task.Delay(1500);
        await _ops.StartItemsAsync("2024-78-VPCP-PRGB", ["new1", "new2"]);
        foreach (var label in new[] { "new1", "new2" }) await _ops.WaitForStatusAsync(newPrefix + label, "Running");
        foreach (var label in new[] { "new1", "new2" })
            await _ops.PostAsync($"/api/admin/instances/{AdminFixture.Escape(newPrefix + label)}/terminate", new { reason = "test" });
        foreach (var id in new[] { prefix + "old1", prefix + "old2", newPrefix + "new1", newPrefix + "new2" })
            await _ops.WaitForStatusAsync(id, "Terminated");

        // The prefix covers both directives: only the cut-off separates them.
        var filter = new { reason = "retention", createdTo = cutOff, instanceIdPrefix = "2024-78-VPCP-PRG" };
        var (dryStatus, dry) = await _ops.PostAsync("/api/admin/bulk/purge?dryRun=true", filter);
        Assert.Equal(HttpStatusCode.OK, dryStatus);
        Assert.Equal(["old1", "old2"], dry.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("instanceId").GetString()![prefix.Length..]).Order());
        Assert.All(dry.GetProperty("results").EnumerateArray(), r => Assert.Equal("would purge", r.GetProperty("result").GetString()));
        await _ops.WaitForStatusAsync(prefix + "old1", "Terminated"); // still there

        var (status, report) = await _ops.PostAsync("/api/admin/bulk/purge", filter);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, report.GetProperty("touched").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.Admin.GetAsync($"/api/admin/instances/{AdminFixture.Escape(prefix + "old1")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.Admin.GetAsync($"/api/admin/instances/{AdminFixture.Escape(prefix + "old2")}")).StatusCode);
        await _ops.WaitForStatusAsync(prefix + "old3", "Running");
        await _ops.WaitForStatusAsync(newPrefix + "new1", "Terminated");
        await _ops.WaitForStatusAsync(newPrefix + "new2", "Terminated");

        var (_, byAge) = await _ops.PostAsync("/api/admin/bulk/purge", new { reason = "retention", olderThanDays = 1, instanceIdPrefix = "2024-78-VPCP-PRG" });
        Assert.Equal(0, byAge.GetProperty("matched").GetInt32());

        var bulkAudit = (await _ops.AuditAsync()).Where(e => e.GetProperty("action").GetString() == "bulk-purge").ToList();
        Assert.Equal(3, bulkAudit.Count);
        Assert.True(bulkAudit[0].GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, (await _ops.AuditAsync()).Count(e => e.GetProperty("action").GetString() == "purge"));
    }

    [Fact]
    public async Task Admin_health_counts_instances_and_bad_input_gets_problems_naming_the_field()
    {
        await _ops.StartItemAsync(Directive, "5.a");
        await _ops.WaitForStatusAsync($"{Directive}:5.a", "Running");
        var health = await _ops.GetJsonAsync("/api/admin/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(_host.HubName, health.GetProperty("taskHub").GetString());
        Assert.Equal("running", health.GetProperty("worker").GetString());
        Assert.Equal(1, health.GetProperty("instances").GetProperty("counts").GetProperty("Running").GetInt32());
        Assert.False(health.GetProperty("instances").GetProperty("capped").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.GetAsync("/api/admin/health")).StatusCode);

        async Task<string> FieldOf(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return problem.GetProperty("errors")[0].GetProperty("field").GetString()!;
        }
        Assert.Equal("status", await FieldOf(await _ops.Admin.GetAsync("/api/admin/instances?status=Broken")));
        Assert.Equal("createdFrom", await FieldOf(await _ops.Admin.GetAsync("/api/admin/instances?createdFrom=yesterday")));
        Assert.Equal("limit", await FieldOf(await _ops.Admin.GetAsync("/api/admin/instances?limit=0")));
        Assert.Equal("reason", await FieldOf(await _ops.Admin.PostAsJsonAsync("/api/admin/bulk/rewind?dryRun=true", new { status = "Failed" })));
        Assert.Equal("status", await FieldOf(await _ops.Admin.PostAsJsonAsync("/api/admin/bulk/rewind", new { reason = "x", status = "Running" })));
        Assert.Equal("$.olderThan", await FieldOf(await _ops.Admin.PostAsJsonAsync("/api/admin/bulk/purge", new { reason = "x", olderThan = 3 })));
        Assert.Equal("dryRun", await FieldOf(await _ops.Admin.PostAsJsonAsync("/api/admin/bulk/purge?dryRun=maybe", new { reason = "x" })));
        Assert.Equal("action", await FieldOf(await _ops.Admin.PostAsJsonAsync("/api/admin/bulk/raise", new { reason = "x" })));
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.Admin.GetAsync("/api/admin/instances/nope%3A1")).StatusCode);
    }
}
