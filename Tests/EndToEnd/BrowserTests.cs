using System.Text.Json;
using Microsoft.Playwright;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The web page in Debian's Chromium (headless), driven by Playwright, against the frontend on a real port.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class BrowserTests(KestrelWebFactory factory, KeyedKestrelWebFactory secured)
    : IClassFixture<KestrelWebFactory>, IClassFixture<KeyedKestrelWebFactory>
{
    private const string Chromium = BrowserPages.Chromium;

    private static readonly string[] ChromiumArgs = BrowserPages.ChromiumArgs;

    [Fact]
    public async Task SubmittingText_ShowsTheJobLiveUntilCompleted_WithItsResult()
    {
        await using var session = await OpenPageAsync();
        var page = session.Page;

        var row = await SubmitAsync(page,
            "[embed:slow:800] Lighthouses guide ships along rocky coasts. Lighthouses use bright lamps. Ships avoid the rocks at night.",
            "What do lighthouses do?");
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
        session.AssertNoErrors();
    }

    [Fact]
    public async Task AnEventOlderThanWhatThePageShows_IsIgnored_AndANewerOneIsTaken()
    {
        await using var session = await OpenPageAsync();
        var page = session.Page;
        var row = await SubmitAsync(page, $"{Guid.NewGuid():N} Rivers carry water to the sea.", null);
        var status = row.Locator("[data-testid=job-status]");
        await Assertions.Expect(status).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        var jobId = await row.GetAttributeAsync("data-job-id");

        // The page's own store: a module is evaluated once per URL, so this import is the instance main.js uses.
        const string apply = """
            async ({ jobId, offset }) => {
              const { store } = await import('/js/store.js');
              const held = store.get(jobId).version;
              const taken = store.apply({
                jobId, status: 'processing', stage: 'embedding', progress: 40, message: 'Embedding the text',
                timestamp: new Date().toISOString(), version: held + offset,
              });
              return { held, taken };
            }
            """;
        var older = await page.EvaluateAsync<JsonElement>(apply, new { jobId, offset = -1 });
        var duplicate = await page.EvaluateAsync<JsonElement>(apply, new { jobId, offset = 0 });

        Assert.True(older.GetProperty("held").GetInt64() >= 2, "a completed job has gone through several versions");
        Assert.False(older.GetProperty("taken").GetBoolean());
        Assert.False(duplicate.GetProperty("taken").GetBoolean());
        await Assertions.Expect(status).ToHaveTextAsync("completed");
        await Assertions.Expect(row.Locator("[data-testid=job-progress]")).ToHaveJSPropertyAsync("value", 100);

        var newer = await page.EvaluateAsync<JsonElement>(apply, new { jobId, offset = 1 });
        Assert.True(newer.GetProperty("taken").GetBoolean());
        await Assertions.Expect(status).ToHaveTextAsync("processing");
        await Assertions.Expect(row.Locator("[data-testid=job-progress]")).ToHaveJSPropertyAsync("value", 40);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task CancelAndRetry_FromTheJobList_MoveTheJobs()
    {
        await using var session = await OpenPageAsync();
        var page = session.Page;

        var hanging = await SubmitAsync(page, $"[embed:hang] {Guid.NewGuid():N} Waits in the embedding stage.", null);
        await hanging.GetByTestId("job-cancel").ClickAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(hanging.Locator("[data-testid=job-status]")).ToHaveTextAsync("cancelled", new() { Timeout = 15_000 });
        await Assertions.Expect(hanging.GetByTestId("job-cancel")).ToHaveCountAsync(0);

        var failing = await SubmitAsync(page, $"[llm:fatal-once] {Guid.NewGuid():N} Fails once in the LLM stage.", null);
        var failingStatus = failing.Locator("[data-testid=job-status]");
        await Assertions.Expect(failingStatus).ToHaveTextAsync("failed", new() { Timeout = 30_000 });
        await failing.GetByTestId("job-retry").ClickAsync();
        await Assertions.Expect(failingStatus).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Assertions.Expect(failing.GetByTestId("job-retry")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("list-error")).ToBeHiddenAsync();
        session.AssertNoErrors();
    }

    [Fact]
    public async Task WithoutTheSignalRClient_ThePagePolls_UntilTheJobCompletes()
    {
        await using var session = await OpenPageAsync(withoutSignalR: true);
        var row = await SubmitAsync(session.Page, $"[embed:slow:500] {Guid.NewGuid():N} Clouds drift over the hills.", null);
        await Assertions.Expect(row.Locator("[data-testid=job-status]")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Assertions.Expect(session.Page.GetByTestId("result-output")).Not.ToBeEmptyAsync(new() { Timeout = 10_000 });
        // The 404 for the missing script is the only error.
        Assert.All(session.ConsoleErrors, error => Assert.Contains("404", error));
    }

    [Fact]
    public async Task WithoutTheSignalRClient_ThePagePollsABatch_UntilItCompletes()
    {
        await using var session = await OpenPageAsync(withoutSignalR: true);
        var run = Guid.NewGuid().ToString("N");

        var batch = await SubmitBatchAsync(session.Page, $"[embed:slow:500] Clouds drift over the hills {run}.\nSnow covers the peaks {run}.",
            split: "auto", expectedCount: 2);

        await Assertions.Expect(batch.GetByTestId("batch-status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Assertions.Expect(batch.GetByTestId("batch-count-completed")).ToHaveTextAsync("2");
        await Assertions.Expect(batch.GetByTestId("batch-job").Locator("[data-testid=batch-job-status]"))
            .ToHaveTextAsync(["completed", "completed"], new() { Timeout = 10_000 });
        Assert.All(session.ConsoleErrors, error => Assert.Contains("404", error));
    }

    [Fact]
    public async Task WithApiKeysOn_ThePageAsksForAKey_ThenConnectsAndSubmitsWithIt()
    {
        await using var session = await OpenPageAsync(secured.Address, "disconnected");
        var page = session.Page;
        var keyForm = page.GetByTestId("api-key-form");
        await Assertions.Expect(keyForm).ToContainTextAsync("This server asks for an API key.");

        await keyForm.Locator("input[name=apiKey]").FillAsync(KeyedKestrelWebFactory.ApiKey);
        await keyForm.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(keyForm).ToContainTextAsync("API key saved for this tab.");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
        var row = await SubmitAsync(page, $"{Guid.NewGuid():N} Owls hunt at night.", null);
        await Assertions.Expect(row.Locator("[data-testid=job-status]")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        // Only the attempts before the key was given failed.
        Assert.All(session.ConsoleErrors, error => Assert.Contains("401", error));
    }

    [Fact]
    public async Task TheOperationsPanel_ShowsTheCounts_AfterAJobCompletes()
    {
        await using var session = await OpenPageAsync();
        var page = session.Page;
        var completed = page.GetByTestId("ops-count-completed");
        await Assertions.Expect(completed).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"), new() { Timeout = 15_000 });
        var before = long.Parse((await completed.TextContentAsync())!);

        var row = await SubmitAsync(page, $"{Guid.NewGuid():N} Foxes dig their dens at the edge of the forest.", null);
        await Assertions.Expect(row.Locator("[data-testid=job-status]")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });

        // The panel refreshes by itself every few seconds.
        await page.WaitForFunctionAsync(
            "min => Number(document.querySelector('[data-testid=ops-count-completed]').textContent) >= min",
            before + 1, new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("ops-silo")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("ops-silo")).ToHaveAttributeAsync("data-status", "active");
        await Assertions.Expect(page.GetByTestId("ops-rate-minute")).ToContainTextAsync("jobs/s");
        await Assertions.Expect(page.GetByTestId("ops-queues")).ToContainTextAsync("pending");
        session.AssertNoErrors();
    }

    [Fact]
    public async Task ManyTextsMode_SubmitsABatch_WhoseBarReachesCompletedWithTheRightCounts_AndItsJobsOpen()
    {
        await using var session = await OpenPageAsync();
        var page = session.Page;
        var run = Guid.NewGuid().ToString("N");

        var batch = await SubmitBatchAsync(page,
            $"[embed:slow:400] Bees make honey from nectar {run}.\n\nRivers carry water to the sea {run}.\n[llm:fatal] This text fails in the LLM stage {run}.",
            split: "lines", expectedCount: 3);

        await Assertions.Expect(batch.GetByTestId("batch-status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Assertions.Expect(batch.GetByTestId("batch-progress")).ToHaveJSPropertyAsync("value", 100);
        foreach (var (status, count) in new[] { ("pending", "0"), ("processing", "0"), ("completed", "2"), ("failed", "1"), ("cancelled", "0") })
        {
            await Assertions.Expect(batch.GetByTestId($"batch-count-{status}")).ToHaveTextAsync(count);
        }

        // The jobs in the order of the texts, each opening its details.
        var jobs = batch.GetByTestId("batch-job");
        await Assertions.Expect(jobs.Locator("[data-testid=batch-job-status]")).ToHaveTextAsync(["completed", "completed", "failed"], new() { Timeout = 10_000 });
        await Assertions.Expect(jobs.Nth(1)).ToContainTextAsync($"#2 Rivers carry water to the sea {run}.");
        await jobs.Nth(2).Locator("button").ClickAsync();
        var result = page.GetByTestId("job-result");
        await Assertions.Expect(result.GetByTestId("result-status")).ToHaveTextAsync("failed");
        await Assertions.Expect(result.GetByTestId("result-error")).ToBeVisibleAsync();
        await jobs.Nth(0).Locator("button").ClickAsync();
        await Assertions.Expect(result.GetByTestId("result-output")).ToContainTextAsync("Bees make honey");

        var screenshots = Path.Combine(ScriptRunner.RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "batch-completed.png"), FullPage = true });
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheOrleansDashboard_RendersUnderItsContentSecurityPolicy()
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

        await page.GotoAsync(new Uri(factory.Address, "/dashboard").ToString());

        await Assertions.Expect(page.Locator("h1.brand-title")).ToHaveTextAsync("Orleans Dashboard", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByText("Overview").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task ARunningBatch_IsCancelledFromItsPanel_AndCountsItsJobsCancelled()
    {
        await using var session = await OpenPageAsync();
        var page = session.Page;
        var run = Guid.NewGuid().ToString("N");

        // Two paragraphs of two lines each: split at the blank line, not at every line.
        var batch = await SubmitBatchAsync(page,
            $"[embed:hang] The first text {run}\ngoes on over a second line.\n\n[embed:hang] The second text {run}\nalso has two lines.",
            split: "auto", expectedCount: 2);
        await Assertions.Expect(batch.GetByTestId("batch-count-processing")).ToHaveTextAsync("2", new() { Timeout = 15_000 });
        await batch.GetByTestId("batch-cancel").ClickAsync();

        await Assertions.Expect(batch.GetByTestId("batch-status")).ToHaveTextAsync("cancelled", new() { Timeout = 15_000 });
        await Assertions.Expect(batch.GetByTestId("batch-count-cancelled")).ToHaveTextAsync("2", new() { Timeout = 15_000 });
        await Assertions.Expect(batch.GetByTestId("batch-cancel")).ToHaveCountAsync(0);
        await Assertions.Expect(batch.GetByTestId("batch-job").Locator("[data-testid=batch-job-status]"))
            .ToHaveTextAsync(["cancelled", "cancelled"], new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("batch-error")).ToBeHiddenAsync();
        session.AssertNoErrors();
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

    /// <summary>Submits texts in "many texts" mode and returns the new batch's panel (it appears at the top).</summary>
    private static async Task<ILocator> SubmitBatchAsync(IPage page, string texts, string split, int expectedCount)
    {
        var form = page.Locator("form[data-testid=submit-form]");
        var before = await page.GetByTestId("batch").CountAsync();
        await form.GetByTestId("mode-batch").CheckAsync();
        await form.GetByTestId("split").SelectOptionAsync(split);
        await form.Locator("textarea[name=text]").FillAsync(texts);
        await Assertions.Expect(form.GetByTestId("text-count")).ToHaveTextAsync($"{expectedCount} texts");
        await Assertions.Expect(form.Locator("button[type=submit]")).ToHaveTextAsync("Submit batch");

        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("batch")).ToHaveCountAsync(before + 1);
        var batchId = await page.GetByTestId("batch").First.GetAttributeAsync("data-batch-id");
        Assert.Matches("^[0-9A-Za-z_-]{1,64}$", batchId);
        return page.Locator($"[data-testid=batch][data-batch-id='{batchId}']");
    }

    /// <summary>Submits through the form and returns the new job's row (it appears at the top of the list).</summary>
    private static async Task<ILocator> SubmitAsync(IPage page, string text, string? instruction)
    {
        var form = page.Locator("form[data-testid=submit-form]");
        var before = await page.Locator("[data-testid=job-row]").CountAsync();
        await form.Locator("textarea[name=text]").FillAsync(text);
        if (instruction is not null)
        {
            await form.Locator("input[name=instruction]").FillAsync(instruction);
        }

        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=job-row]")).ToHaveCountAsync(before + 1);
        var jobId = await page.Locator("[data-testid=job-row]").First.GetAttributeAsync("data-job-id");
        Assert.Matches("^[0-9a-z-]{1,64}$", jobId);
        return page.Locator($"[data-testid=job-row][data-job-id='{jobId}']");
    }

    /// <summary>Opens the page under the Content-Security-Policy it is written for (scripts from the site only: no
    /// inline script or handler); without the SignalR client script when <paramref name="withoutSignalR"/>.</summary>
    private Task<BrowserSession> OpenPageAsync(bool withoutSignalR = false) =>
        OpenPageAsync(factory.Address, withoutSignalR ? "unavailable" : "connected", withoutSignalR);

    private static Task<BrowserSession> OpenPageAsync(Uri address, string expectedState, bool withoutSignalR = false) =>
        BrowserPages.OpenAsync(address, expectedState, withoutSignalR);
}
