using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;
using Orchestrator.Domain.Directives;
using Orchestrator.Testing;

namespace Orchestrator.Browser.Tests;

/// <summary>
/// One local host on Azurite with the sample directive imported on compressed time (rebased to
/// today, one day of its plan lasting <see cref="SecondsPerDay"/> s), and one headless chromium:
/// Debian's package (Playwright's own browser download is not used).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string SampleId = "2023-6411-VPCP-KTTH";
    public const double SecondsPerDay = 2;
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("ORCHESTRATOR_CHROMIUM") ?? "/usr/bin/chromium";

    public static readonly string ScreenshotFolder = Path.GetFullPath(typeof(DashboardFixture).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ScreenshotFolder").Value!);

    private IPlaywright _playwright = null!;

    public TestHost Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Officer => Host.Client;
    public HttpClient Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync();
        Operator = new HttpClient { BaseAddress = Host.BaseAddress };
        Operator.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var import = await Host.Client.PostAsync($"/api/directives?rebaseTo={today:yyyy-MM-dd}&secondsPerDay={SecondsPerDay}",
            TestDirectives.Content(DirectiveJson.SampleText(DirectiveJson.SampleNames.First(n => n.Contains("6411")))));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());

        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No chromium at {ChromiumPath}: apt-get install -y chromium (tests/run.sh does), or set ORCHESTRATOR_CHROMIUM.");
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--lang=vi"],
        });
    }

    /// <summary>A fresh browser context (its own sessionStorage) on a page of the dashboard.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, Uri? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseUrl ?? Host.BaseAddress).ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = "vi-VN",
            TimezoneId = "Europe/London", // not Vietnam: the pages must show Vietnam time anyway
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the dashboard and signs in with the key through the form.</summary>
    public async Task<IPage> SignedInAsync(string key, string hash = "#/tong-quan", ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await page.GotoAsync("/" + hash);
        await page.GetByLabel("Khóa truy cập").FillAsync(key);
        await page.GetByLabel("Tên hoặc email của bạn").FillAsync("kiemthu@vpcp.example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.Locator("#nav").WaitForAsync();
        return page;
    }

    public async Task<JsonElement> GetJsonAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(path);

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Operator?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
