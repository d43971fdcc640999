using System.Text.Json;
using OrleansNlp.Cli;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The CLI's <c>dataset</c> verb run in-process against the embedded frontend whose "openai" provider is a
/// <see cref="FakeOpenAiServer"/> answering with schema-shaped rows.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
[Collection(LlmWebCollection.Name)]
public sealed class DatasetCliTests(LlmWebFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dataset-cli-").FullName;

    [Fact]
    public async Task Dataset_WithACsvOut_ShowsTheRowsBar_ThenWritesEveryRow_WhichParsesBack()
    {
        var fields = await WriteFieldsAsync(DatasetSamples.TreatmentFields);
        var csv = Path.Combine(_folder, "treatments.csv");

        var (exitCode, output, error) = await RunAsync("dataset", "--query", $"water treatment in orchards {Guid.NewGuid():N}",
            "--rows", "100", "--fields", fields, "--name", "TreatmentTechnologies", "--out", csv, "--client-id", "cli-test");

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}; stderr: {error}");
        var accepted = Assert.Single(output.Split('\n'), line => line.StartsWith("Dataset job ", StringComparison.Ordinal));
        Assert.EndsWith("accepted: 100 rows of TreatmentTechnologies", accepted.TrimEnd());
        Assert.Contains("] 100% completed/done  100/100 rows", output);
        Assert.Contains($"Wrote 100 rows of TreatmentTechnologies to {csv}", output);
        // The bar counts up before the file is written.
        Assert.True(output.IndexOf("100/100 rows", StringComparison.Ordinal) < output.IndexOf("Wrote ", StringComparison.Ordinal));
        var records = Csv.Parse(await File.ReadAllTextAsync(csv));
        Assert.Equal(DatasetSamples.TreatmentFields.Select(field => field.Name!), records[0]);
        Assert.Equal(100, records.Count - 1);
        Assert.Equal(100, records.Skip(1).Select(record => record[0]).Distinct().Count());
        Assert.All(records.Skip(1), record => Assert.Contains(record[5], DatasetSamples.CostValues));
        var jobId = accepted.Split(' ')[2];
        var job = await fixture.Factory.CreateNlpClient().GetAsync(jobId);
        Assert.Equal("cli-test", job!.ClientId);

        var (getCode, shown, _) = await RunAsync("get", jobId);

        Assert.Equal(ExitCodes.Ok, getCode);
        Assert.Contains("Status:    completed/done 100%", shown);
        Assert.Contains("Rows:      100/100", shown);
        Assert.Contains($"Dataset:         TreatmentTechnologies (100 rows, 6 fields, model {FakeOpenAiServer.AnsweringModel})", shown);
        Assert.Contains("Invalid rows:    0", shown);
    }

    [Fact]
    public async Task Dataset_WithAJsonlOut_WritesOneRowALine()
    {
        var fields = await WriteFieldsAsync(DatasetSamples.TreatmentFields);
        var jsonl = Path.Combine(_folder, "Orchards.jsonl");

        var (exitCode, output, error) = await RunAsync("dataset", "-q", $"orchard irrigation {Guid.NewGuid():N}", "-n", "8", "-f", fields, "-o", jsonl);

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}; stderr: {error}");
        // Without --name the file's name names the dataset.
        Assert.Contains("accepted: 8 rows of Orchards", output);
        var lines = (await File.ReadAllLinesAsync(jsonl)).Where(line => line.Length > 0).ToList();
        Assert.Equal(8, lines.Count);
        Assert.All(lines, line => DatasetSamples.AssertFits(JsonDocument.Parse(line).RootElement, DatasetSamples.TreatmentFields));
    }

    [Fact]
    public async Task Dataset_WithoutOut_PrintsASummaryWithTheFieldsAndTheFirstRows()
    {
        // A whole request body works as the fields file too.
        var fields = Path.Combine(_folder, "request.json");
        await File.WriteAllTextAsync(fields, JsonSerializer.Serialize(DatasetSamples.Request(3, "Ignored"), JsonDefaults.Options));

        var (exitCode, output, error) = await RunAsync("dataset", "--query", $"greenhouse filters {Guid.NewGuid():N}", "--rows", "7",
            "--fields", fields, "--name", "Filters");

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}; stderr: {error}");
        Assert.Contains("Dataset Filters  completed  7 rows, 6 fields in ", output);
        Assert.Matches(@"(?m)^  technology_id\s+str\s+yes\s*$", output);
        Assert.Matches(@"(?m)^  cost\s+enum\(low\|medium\|high\)\s+yes\s*$", output);
        Assert.Contains("First 5 rows:", output);
        var shown = output.Split('\n').Where(line => line.StartsWith("  {", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, shown.Count);
        Assert.All(shown, line => DatasetSamples.AssertFits(JsonDocument.Parse(line.Trim()).RootElement, DatasetSamples.TreatmentFields));
    }

    [Fact]
    public async Task Dataset_WithAnUnknownFieldType_ExitsWithTheServersProblemNamingTheField()
    {
        var fields = await WriteFieldsAsync([new DatasetField("id", DatasetFieldTypes.Str, Required: true), new DatasetField("price", "decimal")]);

        var (exitCode, output, error) = await RunAsync("dataset", "--query", "prices", "--rows", "3", "--fields", fields, "--name", "Prices");

        Assert.Equal(ExitCodes.ServerError, exitCode);
        Assert.Empty(output);
        Assert.Contains("400", error);
        Assert.Contains("fields[1].type", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dataset_WithBadArguments_ExitsWithUsage_BeforeSubmitting()
    {
        var fields = await WriteFieldsAsync(DatasetSamples.TreatmentFields);
        var notJson = Path.Combine(_folder, "fields.txt");
        await File.WriteAllTextAsync(notJson, "name,type");

        var wrongExtension = await RunAsync("dataset", "--query", "q", "--rows", "3", "--fields", fields, "--out", Path.Combine(_folder, "data.txt"));
        var badFields = await RunAsync("dataset", "--query", "q", "--rows", "3", "--fields", notJson);
        var noRows = await RunAsync("dataset", "--query", "q", "--fields", fields);
        var zeroRows = await RunAsync("dataset", "--query", "q", "--rows", "0", "--fields", fields);

        Assert.Equal(ExitCodes.Usage, wrongExtension.ExitCode);
        Assert.Contains("--out must end with .csv or .jsonl", wrongExtension.Error);
        Assert.Equal(ExitCodes.Usage, badFields.ExitCode);
        Assert.Contains("is not valid JSON fields", badFields.Error);
        Assert.Equal(ExitCodes.Usage, noRows.ExitCode);
        Assert.Contains("--rows", noRows.Error);
        Assert.Equal(ExitCodes.Usage, zeroRows.ExitCode);
        Assert.Contains("--rows must be a positive number", zeroRows.Error);
        Assert.All(new[] { wrongExtension, badFields, noRows, zeroRows }, run => Assert.DoesNotContain("accepted", run.Output));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> WriteFieldsAsync(IReadOnlyList<DatasetField> fields)
    {
        var path = Path.Combine(_folder, $"fields-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(fields, JsonDefaults.Options));
        return path;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(output, error, _ => null, options => fixture.Factory.CreateNlpClient(options.ApiKey));
        var exitCode = await new CliApp(host).RunAsync(args);
        return (exitCode, output.ToString(), error.ToString());
    }
}
