using Microsoft.Playwright;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The page's Dataset tab in Debian's Chromium (headless), driven by Playwright, against the frontend on a
/// real port whose "openai" provider is a <see cref="FakeOpenAiServer"/> answering with schema-shaped rows. The
/// frontend asks for an API key, so the page's every call, downloads included, must carry the one typed in.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class DatasetBrowserTests(LlmKestrelWebFixture fixture) : IClassFixture<LlmKestrelWebFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheDatasetTab_SubmitsTheFields_CountsTheRowsToTheTotal_ShowsTheTable_AndDownloadsTheCsv(bool withoutSignalR)
    {
        await using var session = await OpenWithKeyAsync(withoutSignalR);
        var page = session.Page;

        await page.GetByRole(AriaRole.Tab, new() { Name = "Dataset" }).ClickAsync();
        var form = page.GetByTestId("dataset-form");
        await form.Locator("textarea[name=query]").FillAsync($"water treatment technologies used in specialty crop production {Guid.NewGuid():N}");
        await form.Locator("input[name=rows]").FillAsync("100");
        await form.Locator("input[name=name]").FillAsync("TreatmentTechnologies");
        await FillFieldAsync(form, 0, "technology_id", "str", required: true);
        string[][] more =
        [
            ["year_introduced", "int"], ["removal_rate", "float"], ["organic_approved", "bool"], ["crops", "list[str]"],
        ];
        for (var index = 0; index < more.Length; index++)
        {
            await form.GetByTestId("dataset-add-field").ClickAsync();
            await FillFieldAsync(form, index + 1, more[index][0], more[index][1], required: false);
        }

        await form.GetByTestId("dataset-add-field").ClickAsync();
        await FillFieldAsync(form, 5, "cost", "enum", required: true, values: "low, medium, high");
        await form.GetByTestId("dataset-add-field").ClickAsync();
        await form.GetByTestId("dataset-field").Nth(6).GetByRole(AriaRole.Button, new() { Name = "Remove field 7" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("dataset-field")).ToHaveCountAsync(6);
        await form.GetByTestId("dataset-submit").ClickAsync();

        var view = page.GetByTestId("dataset-view");
        await Assertions.Expect(view.GetByTestId("dataset-total")).ToHaveTextAsync("100", new() { Timeout = 15_000 });
        await Assertions.Expect(view.GetByTestId("dataset-completed")).ToHaveTextAsync("100", new() { Timeout = 60_000 });
        await Assertions.Expect(view.GetByTestId("dataset-status")).ToHaveTextAsync("completed", new() { Timeout = 15_000 });
        await Assertions.Expect(view.GetByTestId("dataset-progress")).ToHaveJSPropertyAsync("value", 100);
        var table = view.GetByTestId("dataset-table");
        await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["technology_id", "year_introduced", "removal_rate", "organic_approved", "crops", "cost"], new() { Timeout = 15_000 });
        await Assertions.Expect(table.GetByTestId("dataset-row")).ToHaveCountAsync(20);
        await Assertions.Expect(view.GetByTestId("dataset-page-range")).ToHaveTextAsync("1–20 of 100");
        await view.GetByTestId("dataset-page-next").ClickAsync();
        await Assertions.Expect(view.GetByTestId("dataset-page-range")).ToHaveTextAsync("21–40 of 100");
        // The job also sits in the session's list with its rows counted.
        await Assertions.Expect(page.GetByTestId("job-row").First).ToContainTextAsync("100/100 rows");

        if (!withoutSignalR)
        {
            var screenshots = Path.Combine(ScriptRunner.RepositoryRoot, "artifacts", "screenshots");
            Directory.CreateDirectory(screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "dataset-completed.png"), FullPage = true });
        }

        var download = await page.RunAndWaitForDownloadAsync(() => view.GetByTestId("dataset-download-csv").ClickAsync());
        var records = Csv.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));

        Assert.Equal("TreatmentTechnologies.csv", download.SuggestedFilename);
        Assert.Equal(["technology_id", "year_introduced", "removal_rate", "organic_approved", "crops", "cost"], records[0]);
        Assert.Equal(100, records.Count - 1);
        Assert.Equal(100, records.Skip(1).Select(record => record[0]).Distinct().Count());
        Assert.All(records.Skip(1), record => Assert.Contains(record[5], DatasetSamples.CostValues));
        // Only the calls before the key was typed failed (and the missing script).
        Assert.All(session.ConsoleErrors, error => Assert.True(error.Contains("401") || (withoutSignalR && error.Contains("404")), error));
    }

    [Fact]
    public async Task ABadField_IsRefusedByTheServer_AndTheFormNamesAndMarksIt()
    {
        await using var session = await OpenWithKeyAsync(withoutSignalR: false);
        var page = session.Page;
        await page.GetByTestId("tab-dataset").ClickAsync();
        var form = page.GetByTestId("dataset-form");
        await form.Locator("textarea[name=query]").FillAsync("anything");
        await form.Locator("input[name=name]").FillAsync("Broken");
        await FillFieldAsync(form, 0, "id", "str", required: true);
        await form.GetByTestId("dataset-add-field").ClickAsync();
        // Two fields with one name: only the server knows names must be unique.
        await FillFieldAsync(form, 1, "id", "int", required: false);

        await form.GetByTestId("dataset-submit").ClickAsync();

        await Assertions.Expect(form.GetByTestId("dataset-error")).ToContainTextAsync("Field 2", new() { Timeout = 15_000 });
        await Assertions.Expect(form.GetByTestId("dataset-field").Nth(1).GetByTestId("field-name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByTestId("dataset-view")).ToBeHiddenAsync();
        // The 400 answer is the only error after the key was typed.
        Assert.All(session.ConsoleErrors, error => Assert.True(error.Contains("400") || error.Contains("401"), error));
    }

    /// <summary>Opens the page, which asks for the API key, and types it in.</summary>
    private async Task<BrowserSession> OpenWithKeyAsync(bool withoutSignalR)
    {
        var session = await BrowserPages.OpenAsync(fixture.Address, withoutSignalR ? "unavailable" : "disconnected", withoutSignalR);
        var keyForm = session.Page.GetByTestId("api-key-form");
        await Assertions.Expect(keyForm).ToContainTextAsync("This server asks for an API key.");
        await keyForm.Locator("input[name=apiKey]").FillAsync(LlmKestrelWebFixture.PageApiKey);
        await keyForm.Locator("button[type=submit]").ClickAsync();
        if (!withoutSignalR)
        {
            await Assertions.Expect(session.Page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
        }

        return session;
    }

    private static async Task FillFieldAsync(ILocator form, int index, string name, string type, bool required, string? values = null)
    {
        var field = form.GetByTestId("dataset-field").Nth(index);
        await field.GetByTestId("field-name").FillAsync(name);
        await field.GetByTestId("field-type").SelectOptionAsync(type);
        if (values is not null)
        {
            await field.GetByTestId("field-values").FillAsync(values);
        }

        await field.GetByTestId("field-description").FillAsync($"The {name} of the technology");
        if (required)
        {
            await field.GetByTestId("field-required").CheckAsync();
        }
    }
}
