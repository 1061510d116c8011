using Orchestrator.Local;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Domain.Agencies;
using Orchestrator.Local.Commands;
using Orchestrator.Testing;
using Orchestrator.Workflows.Agencies;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>The agency directory stored in Table Storage: seeded once, managed through the admin
/// API (audited, validated), and what imports and items resolve against.</summary>
public sealed class AgencyDirectoryTests : IAsyncLifetime
{
    private static readonly int SeedCount = AgencyDirectory.Default().All.Count;
    private readonly string _tablePrefix = TestNames.Unique("t");
    private TestHost _host = null!;
    private AdminFixture _ops = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(tablePrefix: _tablePrefix);
        _ops = new AdminFixture(_host);
    }

    public async Task DisposeAsync()
    {
        _ops.Admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task The_seed_is_written_on_the_first_start_only_so_a_restart_keeps_the_offices_edits()
    {
        var list = await _ops.GetJsonAsync("/api/admin/agencies");
        Assert.Equal(SeedCount, list.GetProperty("count").GetInt32());

        var btc = await EditAsync("BTC", a => a["contacts"] = new JsonObject
        {
            ["focalPoint"] = "daumoi@mof.gov.vn", ["leadership"] = "lanhdao@mof.gov.vn",
        });
        Assert.Equal(HttpStatusCode.OK, btc.Status);

        await _host.DisposeAsync();
        _ops.Admin.Dispose();
        _host = await TestHost.StartAsync(tablePrefix: _tablePrefix); // same tables, a new process's services
        _ops = new AdminFixture(_host);

        var shown = await _ops.GetJsonAsync("/api/admin/agencies/BTC");
        Assert.Equal("daumoi@mof.gov.vn", shown.GetProperty("agency").GetProperty("contacts").GetProperty("focalPoint").GetString());
        Assert.Equal(SeedCount, (await _ops.GetJsonAsync("/api/admin/agencies")).GetProperty("count").GetInt32());
        // What notices use: the host's directory, loaded from the table.
        var directory = (AgencyDirectory)_host.Services.GetService(typeof(AgencyDirectory))!;
        Assert.Equal("daumoi@mof.gov.vn", directory.GetByCode("BTC").Contacts!.FocalPoint);
    }

    [Fact]
    public async Task An_agency_added_by_the_office_is_at_once_a_lead_that_imports_resolve_and_items_are_recorded_under()
    {
        var document = JsonNode.Parse(TestDirectives.Json("91", new DateOnly(2025, 8, 4), [("1", new DateOnly(2025, 9, 30))], "VPCP-DIR"))!;
        document["items"]![0]!["lead"] = "Giám đốc Đại học Quốc gia Hà Nội";
        var directive = document.ToJsonString();
        var refused = await _host.Client.PostAsync("/api/directives", TestDirectives.Content(directive));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var (status, added) = await _ops.PostAsync("/api/admin/agencies", new
        {
            reason = "new lead in directive 91",
            agency = new
            {
                code = "DHQGHN", name = "Đại học Quốc gia Hà Nội", aliases = new[] { "ĐHQGHN" }, headTitles = new[] { "Giám đốc" },
                contacts = new { focalPoint = "daumoi@vnu.edu.vn", leadership = "lanhdao@vnu.edu.vn" },
            },
        });
        Assert.True(status == HttpStatusCode.Created, added.ToString());

        await _host.ImportAsync(directive);
        var item = await Eventually.GetAsync(() => _host.Client.ItemAsync("2025-91-VPCP-DIR", "1"), i => i.State() is not null,
            TimeSpan.FromSeconds(60), "item 1 recorded");
        Assert.Equal("DHQGHN", item.GetProperty("item").GetProperty("agencyInCharge").GetString());

        var audit = await _ops.GetJsonAsync("/api/admin/audit?instanceId=" + Uri.EscapeDataString("agency:DHQGHN"));
        var entry = Assert.Single(audit.GetProperty("entries").EnumerateArray());
        Assert.Equal("agency-add", entry.GetProperty("action").GetString());
        Assert.Equal("new lead in directive 91", entry.GetProperty("reason").GetString());
        Assert.Equal("ops-test@example.org", entry.GetProperty("onBehalfOf").GetString());
    }

    [Fact]
    public async Task Notices_go_to_the_contacts_the_office_stored_not_to_the_seeds_placeholders()
    {
        Assert.Equal(HttpStatusCode.OK, (await EditAsync("BTC", a => a["contacts"] = new JsonObject
        {
            ["focalPoint"] = "daumoi@mof.gov.vn", ["leadership"] = "lanhdao@mof.gov.vn",
        })).Status);
        Assert.Equal(HttpStatusCode.OK, (await EditAsync("BXD", a => a["contacts"] = new JsonObject
        {
            ["focalPoint"] = "daumoi@moc.gov.vn", ["leadership"] = "lanhdao@moc.gov.vn",
        })).Status);

        var issued = new DateOnly(2026, 1, 5);
        await _host.ImportAsync(TestDirectives.Json("92", issued, [("1", new DateOnly(2026, 1, 30))], "VPCP-DIR"), "?secondsPerDay=0.3");
        var notices = await _host.Client.WaitForOutboxAsync("2026-92-VPCP-DIR", "1", n => n.Any(x => x.StepId() == "escalation-1"), 90,
            "escalation-1 to be queued");
        var first = notices.Single(x => x.StepId() == "escalation-1");
        Assert.Equal(["daumoi@mof.gov.vn"], first.GetProperty("to").EnumerateArray().Select(a => a.GetProperty("email").GetString()));
        Assert.Equal(["daumoi@moc.gov.vn"], first.GetProperty("cc").EnumerateArray().Select(a => a.GetProperty("email").GetString()));
    }

    [Fact]
    public async Task Bad_agencies_are_refused_with_problems_naming_the_field_and_nothing_is_written()
    {
        async Task<string[]> FieldsOf(object body)
        {
            var (status, problem) = await _ops.PostAsync("/api/admin/agencies", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            return problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToArray();
        }

        var contacts = new { focalPoint = "a@example.org", leadership = "b@example.org" };
        Assert.Equal(["reason"], await FieldsOf(new { agency = new { code = "X1", name = "Cơ quan X", contacts } }));
        Assert.Equal(["agency.contacts.focalPoint"], await FieldsOf(new
        {
            reason = "r", agency = new { code = "X1", name = "Cơ quan X", contacts = new { focalPoint = "not an address", leadership = "b@example.org" } },
        }));
        Assert.Equal(["agency.aliases[1]"], await FieldsOf(new
        {
            reason = "r", agency = new { code = "X1", name = "Cơ quan X", aliases = new[] { "CQX", "Bộ Tài chính" }, contacts },
        }));
        Assert.Equal(["agency.successors[0].successor"], await FieldsOf(new
        {
            reason = "r", agency = new { code = "X1", name = "Cơ quan X", contacts, successors = new[] { new { successor = "NOPE", effective = "2026-01-01" } } },
        }));
        Assert.Equal(["agency.code"], await FieldsOf(new { reason = "r", agency = new { code = "BTC", name = "Cơ quan X", contacts } }));
        Assert.Equal(["agency.members"], await FieldsOf(new { reason = "r", agency = new { code = "X1", name = "Nhóm X", kind = "group", contacts } }));
        Assert.Equal(["$.agency.bogus"], await FieldsOf(new { reason = "r", agency = new { code = "X1", name = "Cơ quan X", bogus = 1 } }));

        var cycle = await EditAsync("BTC", a => a["successors"] = new JsonArray(new JsonObject { ["successor"] = "BKHDT", ["effective"] = "2030-01-01" }));
        Assert.Equal(HttpStatusCode.BadRequest, cycle.Status);
        Assert.Contains("cycle", cycle.Body.GetProperty("detail").GetString());

        Assert.Equal(SeedCount, (await _ops.GetJsonAsync("/api/admin/agencies")).GetProperty("count").GetInt32());
        Assert.Empty((await _ops.GetJsonAsync("/api/admin/agencies/BTC")).GetProperty("agency").GetProperty("successors").EnumerateArray());
    }

    [Fact]
    public async Task An_edit_from_a_stale_read_is_refused_and_a_dated_successor_link_routes_work_from_its_day()
    {
        var shown = await _ops.GetJsonAsync("/api/admin/agencies/BYT");
        var etag = shown.GetProperty("etag").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await EditAsync("BYT", a => a["aliases"] = new JsonArray("Bộ YT"), etag)).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await EditAsync("BYT", a => a["aliases"] = new JsonArray("BYT-2"), etag)).Status);

        var linked = await EditAsync("BYT", a => a["successors"] = new JsonArray(new JsonObject { ["successor"] = "BNV", ["effective"] = "2020-01-01", ["basis"] = "test" }));
        Assert.Equal(HttpStatusCode.OK, linked.Status);
        Assert.Equal("BNV", linked.Body.GetProperty("inChargeToday").GetString());
        var directory = (AgencyDirectory)_host.Services.GetService(typeof(AgencyDirectory))!;
        Assert.Equal("BNV", directory.InChargeOn("BYT", new DateOnly(2026, 1, 1)).Code);
        Assert.Equal("Bộ YT", directory.GetByCode("BYT").Aliases.Single());
    }

    [Fact]
    public async Task An_exported_file_imports_back_replacing_only_what_changed()
    {
        var file = JsonNode.Parse((await _ops.GetJsonAsync("/api/admin/agency-file")).GetRawText())!.AsObject();
        var agencies = file["agencies"]!.AsArray();
        Assert.Equal(SeedCount, agencies.Count);
        var bxd = agencies.Single(a => a!["code"]!.GetValue<string>() == "BXD")!;
        bxd["contacts"] = new JsonObject { ["focalPoint"] = "daumoi@moc.gov.vn", ["leadership"] = "lanhdao@moc.gov.vn" };
        agencies.Add(new JsonObject { ["code"] = "CQX", ["name"] = "Cơ quan X", ["kind"] = "descriptive" });

        var noReason = await _ops.PostAsync("/api/admin/agency-file", file);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        file["reason"] = "contacts from the ministry";
        var (status, result) = await _ops.PostAsync("/api/admin/agency-file", file);
        Assert.True(status == HttpStatusCode.OK, result.ToString());
        Assert.Equal(1, result.GetProperty("added").GetInt32());
        Assert.Equal(1, result.GetProperty("replaced").GetInt32());
        Assert.Equal(SeedCount - 1, result.GetProperty("unchanged").GetInt32());
        var directory = (AgencyDirectory)_host.Services.GetService(typeof(AgencyDirectory))!;
        Assert.Equal("daumoi@moc.gov.vn", directory.GetByCode("BXD").Contacts!.FocalPoint);
        Assert.Equal(AgencyKind.Descriptive, directory.Resolve("Cơ quan X")!.Kind);
    }

    [Fact]
    public async Task The_command_line_edits_field_by_field_lists_exports_and_imports_and_reports_refusals_by_field()
    {
        var edited = await CliAsync("edit", "UBND-QUANGNAM", "--add-alias", "UBND Quảng Nam", "--focal-point", "vanthu@quangnam.gov.vn",
            "--reason", "contacts from the province");
        Assert.True(edited.Code == 0, edited.Stderr);
        var shown = await CliAsync("show", "UBND-QUANGNAM", "--json");
        Assert.Contains("vanthu@quangnam.gov.vn", shown.Stdout);
        Assert.Contains("UBND Quảng Nam", shown.Stdout);
        Assert.Contains("UBND-DANANG", (await CliAsync("show", "UBND-QUANGNAM")).Stdout); // in charge today

        var listed = await CliAsync("list", "--search", "quang nam");
        Assert.Contains("UBND-QUANGNAM", listed.Stdout);
        Assert.DoesNotContain("UBND-HANOI", listed.Stdout);

        var refused = await CliAsync("edit", "BYT", "--successor", "NOPE", "--effective", "2026-01-01", "--reason", "r");
        Assert.Equal(2, refused.Code);
        Assert.Contains("agency.successors[0].successor", refused.Stderr);
        Assert.Equal(1, (await CliAsync("edit", "BYT", "--add-alias", "Bộ YT")).Code); // no reason

        var path = Path.GetTempFileName();
        try
        {
            Assert.Equal(0, (await CliAsync("export", "--out", path)).Code);
            var imported = await CliAsync("import", path, "--reason", "round trip");
            Assert.True(imported.Code == 0, imported.Stderr);
            Assert.Contains($"0 added, 0 replaced, {SeedCount} unchanged", imported.Stdout);
        }
        finally { File.Delete(path); }
    }

    private async Task<(int Code, string Stdout, string Stderr)> CliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["agencies", .. args, "--url", _host.BaseAddress.ToString(), "--key", TestHost.AdminKey, "--operator", "cli-test"],
            new CliContext(stdout, stderr));
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Reads an agency, changes its JSON, and PUTs it back (with If-Match when given).</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> EditAsync(string code, Action<JsonObject> change, string? etag = null)
    {
        var shown = await _ops.GetJsonAsync($"/api/admin/agencies/{code}");
        var agency = JsonNode.Parse(shown.GetProperty("agency").GetRawText())!.AsObject();
        change(agency);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/agencies/{code}")
        {
            Content = JsonContent.Create(new JsonObject { ["reason"] = "test edit", ["agency"] = agency }),
        };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await _ops.Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
