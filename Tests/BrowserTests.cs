using Microsoft.Playwright;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The web page in Debian's Chromium (headless), driven by Playwright, against the frontend on a real port.</summary>
public sealed class BrowserTests(KestrelWebFactory factory) : IClassFixture<KestrelWebFactory>
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [Fact]
    public async Task SubmittingText_ShowsTheJobLiveUntilCompleted_WithItsResult()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the chromium package (scripts/test.sh does).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ChromiumArgs, Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        await page.GotoAsync(factory.Address.ToString());
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
        var form = page.Locator("form[data-testid=submit-form]");
        await form.Locator("textarea[name=text]").FillAsync(
            "[embed:slow:800] Lighthouses guide ships along rocky coasts. Lighthouses use bright lamps. Ships avoid the rocks at night.");
        await form.Locator("input[name=instruction]").FillAsync("What do lighthouses do?");
        await form.Locator("button[type=submit]").ClickAsync();

        var row = page.Locator("[data-testid=job-row]").First;
        await Assertions.Expect(row).ToHaveAttributeAsync("data-job-id", new System.Text.RegularExpressions.Regex("^[0-9a-z-]{1,64}$"));
        await Assertions.Expect(row.Locator("[data-testid=job-status]")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await row.ClickAsync();
        var result = page.GetByTestId("job-result");
        await Assertions.Expect(result.GetByTestId("result-word-count")).ToContainTextAsync("16");
        await Assertions.Expect(result.GetByTestId("result-top-words")).ToContainTextAsync("lighthouses");
        await Assertions.Expect(result.GetByTestId("result-output")).ToContainTextAsync("Lighthouses");
        await Assertions.Expect(result).ToContainTextAsync("Extractive summary");

        var screenshots = Path.Combine(ScriptRunner.RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "job-completed.png"), FullPage = true });
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task ScalarReference_RendersUnderItsContentSecurityPolicy()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the chromium package (scripts/test.sh does).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ChromiumArgs, Headless = true });
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(factory.Address, "/scalar/").ToString());

        await Assertions.Expect(page.GetByText("Submit a job").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Empty(violations);
    }
}
