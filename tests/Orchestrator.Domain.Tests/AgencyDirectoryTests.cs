using System.Text;
using Orchestrator.Domain.Agencies;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

public class AgencyDirectoryTests
{
    [Theory]
    [InlineData("Bộ Kế hoạch và Đầu tư", "BKHDT")]
    [InlineData("Bộ KH&ĐT", "BKHDT")]
    [InlineData("bộ kế hoạch và đầu tư", "BKHDT")]
    [InlineData("BKHDT", "BKHDT")]
    [InlineData("Bộ Nông nghiệp và phát triển nông thôn", "BNNPTNT")]
    [InlineData("Bộ TT&TT", "BTTTT")]
    [InlineData("Bộ Văn hoá, Thể thao và Du lịch", "BVHTTDL")] // old tone placement "hoá"
    [InlineData("các Hội đồng điều phối vùng", "HDDPV")]
    [InlineData("Văn phòng Chính phủ", "VPCP")]
    public void Resolves_names_and_aliases_as_written(string written, string code)
    {
        Assert.Equal(code, Registry.Resolve(written)?.Code);
        Assert.Equal(code, Registry.Resolve(written.Normalize(NormalizationForm.FormD))?.Code);
    }

    [Fact]
    public void Unknown_names_do_not_resolve_but_have_nearest_names()
    {
        Assert.Null(Registry.Resolve("Bộ Khoa và và Công nghệ"));
        Assert.Equal("Bộ Khoa học và Công nghệ", Registry.Nearest("Bộ Khoa và và Công nghệ")[0]);
    }

    [Theory]
    [InlineData("BKHDT", "2025-02-28", "BKHDT")]
    [InlineData("BKHDT", "2025-03-01", "BTC")]
    [InlineData("BTTTT", "2025-02-28", "BTTTT")]
    [InlineData("BTTTT", "2025-03-01", "BKHCN")]
    [InlineData("BNNPTNT", "2025-03-01", "BNNMT")]
    [InlineData("BTNMT", "2025-03-01", "BNNMT")]
    [InlineData("BGTVT", "2025-03-01", "BXD")]
    [InlineData("BLDTBXH", "2025-03-01", "BNV")]
    [InlineData("UBDT", "2025-03-01", "BDTTG")]
    [InlineData("BTC", "2025-03-01", "BTC")]
    [InlineData("BYT", "2030-01-01", "BYT")]
    public void Successor_routing_before_and_after_1_March_2025(string code, string day, string expected) =>
        Assert.Equal(expected, Registry.InChargeOn(code, D(day)).Code);

    [Fact]
    public void The_regional_councils_group_has_six_members_with_suffixes()
    {
        var group = Registry.GetByCode("HDDPV");
        Assert.Equal(AgencyKind.Group, group.Kind);
        var members = Registry.Expand(group);
        Assert.Equal(6, members.Count);
        Assert.All(members, m => Assert.False(string.IsNullOrEmpty(m.LabelSuffix)));
        Assert.Contains(members, m => m.Name == "Hội đồng điều phối vùng Đồng bằng sông Cửu Long");
    }

    [Fact]
    public void Every_agency_that_can_be_a_lead_has_placeholder_contacts_on_example_org()
    {
        foreach (var a in Registry.All.Where(a => a.Kind == AgencyKind.Agency))
        {
            Assert.NotNull(a.Contacts);
            Assert.EndsWith("@example.org", a.Contacts!.FocalPoint);
            Assert.EndsWith("@example.org", a.Contacts.Leadership);
            Assert.NotEqual(a.Contacts.FocalPoint, a.Contacts.Leadership);
        }
    }

    [Fact]
    public void Extra_agencies_load_from_a_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "agencies": [ { "code": "DHQGHN", "name": "Đại học Quốc gia Hà Nội", "aliases": ["ĐHQGHN"] } ] }""");
            var dir = AgencyDirectory.WithExtraFiles(path);
            Assert.Equal("DHQGHN", dir.Resolve("ĐHQGHN")?.Code);
            Assert.Equal("BTC", dir.Resolve("Bộ Tài chính")?.Code);
        }
        finally { File.Delete(path); }
    }
}
