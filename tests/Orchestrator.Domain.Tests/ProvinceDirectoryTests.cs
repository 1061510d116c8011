using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Directives;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

/// <summary>Provinces (Resolution 202/2025/QH15), leads named by a person's title, descriptive
/// coordinators, and the directory replaced as a whole.</summary>
public class ProvinceDirectoryTests
{
    private const string ProvincesGroup = "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương";

    [Theory]
    [InlineData("2025-06-30", 63)]
    [InlineData("2025-07-01", 34)]
    [InlineData("2030-01-01", 34)]
    public void The_provinces_group_fans_out_to_the_units_that_exist_on_the_day(string day, int count)
    {
        var group = Registry.Resolve(ProvincesGroup)!;
        Assert.Equal(AgencyKind.Group, group.Kind);
        Assert.Equal(63, Registry.Expand(group).Count);
        var members = Registry.Expand(group, D(day));
        Assert.Equal(count, members.Count);
        Assert.Equal(count, members.Select(m => m.LabelSuffix).Distinct().Count());
    }

    [Theory]
    [InlineData("UBND tỉnh Quảng Nam", "2025-06-30", "Ủy ban nhân dân tỉnh Quảng Nam")]
    [InlineData("UBND tỉnh Quảng Nam", "2025-07-01", "Ủy ban nhân dân thành phố Đà Nẵng")]
    [InlineData("Ủy ban nhân dân tỉnh Hà Giang", "2025-07-01", "Ủy ban nhân dân tỉnh Tuyên Quang")]
    [InlineData("Yên Bái", "2025-07-01", "Ủy ban nhân dân tỉnh Lào Cai")]
    [InlineData("Tỉnh Hòa Bình", "2025-07-01", "Ủy ban nhân dân tỉnh Phú Thọ")]
    [InlineData("UBND tỉnh Vĩnh Phúc", "2025-07-01", "Ủy ban nhân dân tỉnh Phú Thọ")]
    [InlineData("UBND tỉnh Hải Dương", "2025-07-01", "Ủy ban nhân dân thành phố Hải Phòng")]
    [InlineData("UBND tỉnh Nam Định", "2025-07-01", "Ủy ban nhân dân tỉnh Ninh Bình")]
    [InlineData("UBND tỉnh Kon Tum", "2025-07-01", "Ủy ban nhân dân tỉnh Quảng Ngãi")]
    [InlineData("UBND tỉnh Bình Định", "2025-07-01", "Ủy ban nhân dân tỉnh Gia Lai")]
    [InlineData("UBND tỉnh Bình Thuận", "2025-07-01", "Ủy ban nhân dân tỉnh Lâm Đồng")]
    [InlineData("UBND tỉnh Bình Dương", "2025-07-01", "Ủy ban nhân dân thành phố Hồ Chí Minh")]
    [InlineData("UBND tỉnh Bà Rịa - Vũng Tàu", "2025-07-01", "Ủy ban nhân dân thành phố Hồ Chí Minh")]
    [InlineData("UBND tỉnh Long An", "2025-07-01", "Ủy ban nhân dân tỉnh Tây Ninh")]
    [InlineData("UBND tỉnh Trà Vinh", "2025-07-01", "Ủy ban nhân dân tỉnh Vĩnh Long")]
    [InlineData("UBND tỉnh Sóc Trăng", "2025-07-01", "Ủy ban nhân dân thành phố Cần Thơ")]
    [InlineData("UBND tỉnh Kiên Giang", "2025-07-01", "Ủy ban nhân dân tỉnh An Giang")]
    [InlineData("UBND tỉnh Bạc Liêu", "2025-07-01", "Ủy ban nhân dân tỉnh Cà Mau")]
    [InlineData("UBND tỉnh Thừa Thiên Huế", "2025-07-01", "Ủy ban nhân dân thành phố Huế")]
    [InlineData("UBND tỉnh Nghệ An", "2025-07-01", "Ủy ban nhân dân tỉnh Nghệ An")]
    public void A_merged_province_is_owed_by_the_unit_that_took_it_over(string written, string day, string inCharge)
    {
        var agency = Registry.Resolve(written);
        Assert.NotNull(agency);
        Assert.Equal(inCharge, Registry.InChargeOn(agency.Code, D(day)).Name);
    }

    [Theory]
    [InlineData("Bộ trưởng Bộ Giao thông vận tải", "BGTVT")]
    [InlineData("Bộ trưởng Bộ GTVT", "BGTVT")]
    [InlineData("Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam", "UBND-QUANGNAM")]
    [InlineData("Chủ tịch UBND thành phố Hà Nội", "UBND-HANOI")]
    [InlineData("Thống đốc Ngân hàng Nhà nước Việt Nam", "NHNN")]
    [InlineData("Tổng Thanh tra Chính phủ", "TTCP")]
    [InlineData("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "VPCP")]
    [InlineData("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "UBND-TINH")]
    public void A_lead_named_by_its_heads_title_resolves_to_the_agency(string written, string code) =>
        Assert.Equal(code, Registry.Resolve(written)?.Code);

    [Fact]
    public void A_title_alone_or_before_an_unknown_name_resolves_to_nothing()
    {
        Assert.Null(Registry.Resolve("Bộ trưởng"));
        Assert.Null(Registry.Resolve("Chủ tịch Ủy ban nhân dân tỉnh Atlantis"));
    }

    [Theory]
    [InlineData("các cơ quan thông tấn, báo chí")]
    [InlineData("các Bộ, cơ quan liên quan")]
    [InlineData("các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ")]
    public void Descriptive_groups_are_accepted_as_coordinators_not_as_leads(string written)
    {
        Assert.Equal(AgencyKind.Descriptive, Registry.Resolve(written)?.Kind);
        var directive = Directive(new DateOnly(2025, 8, 1), new DirectiveItem
        {
            Label = "1", Text = "Nhiệm vụ", Lead = "Bộ Y tế", DeadlinePhrase = "quý IV năm 2025", Coordinating = [written],
        });
        Assert.Empty(Planner.Validate(directive));
        Assert.Contains(Planner.Validate(directive with { Items = [directive.Items[0] with { Lead = written }] }),
            p => p.Code == ProblemCodes.LeadNotAnAgency);
    }

    [Theory]
    [InlineData("2025-06-20", 63, "1.QUANGNAM")]
    [InlineData("2025-07-10", 34, "1.DANANG")]
    public void A_task_led_by_the_provinces_gives_one_item_per_unit_existing_on_the_issue_date(string issued, int items, string label)
    {
        var plan = Planner.Plan(Directive(D(issued), new DirectiveItem
        {
            Label = "1", Text = "Rà soát", Lead = "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
            DeadlinePhrase = "trước ngày 30 tháng 9 năm 2025",
        }));
        Assert.Equal(items, plan.Items.Count);
        Assert.Contains(plan.Items, i => i.Label == label);
    }

    [Fact]
    public void Replacing_the_directory_changes_resolution_and_an_inconsistent_replacement_changes_nothing()
    {
        var directory = AgencyDirectory.Default();
        var added = new Agency { Code = "DHQGHN", Name = "Đại học Quốc gia Hà Nội", HeadTitles = ["Giám đốc"] };
        directory.Replace(directory.All.Append(added));
        Assert.Equal("DHQGHN", directory.Resolve("Giám đốc Đại học Quốc gia Hà Nội")?.Code);

        var clash = new Agency { Code = "X", Name = "Bộ Tài chính" };
        Assert.Throws<InvalidDataException>(() => directory.Replace(directory.All.Append(clash)));
        var cycle = directory.All.Select(a => a.Code == "BTC"
            ? a with { Successors = [new SuccessorLink("BKHDT", new DateOnly(2030, 1, 1))] } : a).ToList();
        Assert.Throws<InvalidDataException>(() => directory.Replace(cycle));
        Assert.Equal("BTC", directory.Resolve("Bộ Tài chính")?.Code);
        Assert.NotNull(directory.FindByCode("DHQGHN"));
    }

    private static Directive Directive(DateOnly issued, params DirectiveItem[] items) => new()
    {
        Number = "1", Code = "VPCP-KTTH", IssueDate = issued, Issuer = "Văn phòng Chính phủ", Subject = "V/v thử", Items = items,
    };
}
