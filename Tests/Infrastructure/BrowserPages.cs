using Microsoft.Playwright;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Opens the web page in Debian's Chromium (headless) through Playwright, under the Content-Security-Policy it
/// is written for, and collects the page's console errors.</summary>
public static class BrowserPages
{
    public const string Chromium = "/usr/bin/chromium";

    public static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        // The page arrives through a Playwright route (which adds the CSP header); Chromium then no longer treats it
        // as a loopback page and blocks its WebSocket to the loopback server.
        "--disable-features=LocalNetworkAccessChecks",
    ];

    /// <summary>Opens the page (scripts from the site only: no inline script or handler) and waits until its
    /// connection status is <paramref name="expectedState"/>; without the SignalR client script when
    /// <paramref name="withoutSignalR"/>.</summary>
    public static async Task<BrowserSession> OpenAsync(Uri address, string expectedState, bool withoutSignalR = false)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the chromium package (scripts/test.sh does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ChromiumArgs, Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var session = new BrowserSession(playwright, browser, page);
        page.Console += (_, message) => { if (message.Type == "error") session.ConsoleErrors.Add(message.Text); };
        page.PageError += (_, error) => session.ConsoleErrors.Add(error);
        await page.RouteAsync(address.ToString(), async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["Content-Security-Policy"] = "script-src 'self'" };
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        if (withoutSignalR)
        {
            await page.RouteAsync("**/lib/signalr/**", route => route.FulfillAsync(new() { Status = 404 }));
        }

        await page.GotoAsync(address.ToString());
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", expectedState, new() { Timeout = 15_000 });
        return session;
    }
}

/// <summary>A browser with one page, closed together.</summary>
public sealed class BrowserSession(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Console errors and uncaught exceptions of the page.</summary>
    public List<string> ConsoleErrors { get; } = [];

    public void AssertNoErrors() => Assert.True(ConsoleErrors.Count == 0, string.Join(Environment.NewLine, ConsoleErrors));

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
