using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestrator.Testing;
using static Microsoft.Playwright.Assertions;

namespace Orchestrator.Browser.Tests;

/// <summary>The items page asks the server for one page at a time and walks the list with its continuation tokens.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ItemsPagingTests(DashboardFixture fixture)
{
    private const int PageSize = 5;

    [Fact]
    public async Task Paging_through_the_items_shows_every_item_of_the_list_once_a_page_at_a_time()
    {
        var all = await fixture.GetJsonAsync(fixture.Officer, $"/api/items?directive={DashboardFixture.SampleId}&pageSize=1000");
        var expected = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()!).ToList();
        Assert.True(expected.Count > 2 * PageSize, $"the sample has {expected.Count} items: too few to page");

        var page = await fixture.SignedInAsync(TestHost.ApiKey, $"#/nhiem-vu?directive={DashboardFixture.SampleId}&size={PageSize}");
        var asked = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/items?")) asked.Add(request.Url); };
        await page.Locator("main[data-ready='nhiem-vu'] #items").WaitForAsync();

        var shown = new List<string>();
        var pages = new List<string>();
        for (var number = 1; ; number++)
        {
            await Expect(page.Locator("#result-count")).ToContainTextAsync($"Trang {number}:");
            var labels = await page.Locator("#items tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.label)");
            Assert.InRange(labels.Length, 0, PageSize);
            shown.AddRange(labels);
            pages.Add(string.Join(",", labels));
            var next = page.Locator("#next-page");
            if (await next.CountAsync() == 0) break;
            await next.ClickAsync();
        }
        Assert.Equal(expected, shown); // in the server's order, none twice, none missing
        Assert.True(pages.Count > 2);
        await fixture.ScreenshotAsync(page, "nhiem-vu-trang-cuoi");

        // Back one page: the same items as when it was first shown.
        await page.Locator("#previous-page").ClickAsync();
        await Expect(page.Locator("#result-count")).ToContainTextAsync($"Trang {pages.Count - 1}:");
        Assert.Equal(pages[^2], string.Join(",", await page.Locator("#items tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.label)")));

        // Every list request asked for one page of the chosen size, never the whole list.
        Assert.NotEmpty(asked);
        Assert.All(asked, url => Assert.Matches(new Regex($"[?&]pageSize={PageSize}(&|$)"), url));
    }
}
