using System.Text.Json;
using OrleansNlp.Client;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>Prints jobs and their results for people, or as JSON for scripts.</summary>
public static class JobPrinter
{
    // The API's conventions, indented, without the null fields (as the CLI has always printed jobs).
    private static readonly JsonSerializerOptions Indented = new(JsonDefaults.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static void PrintJson(TextWriter output, JobResponse job) => output.WriteLine(JsonSerializer.Serialize(job, Indented));

    public static void PrintJson(TextWriter output, JobListResponse page) => output.WriteLine(JsonSerializer.Serialize(page, Indented));

    public static void PrintJson(TextWriter output, BatchResponse batch) => output.WriteLine(JsonSerializer.Serialize(batch, Indented));

    /// <summary>One line per job (id, status/stage, creation time, error or message), then how to get the next page.</summary>
    public static void PrintList(TextWriter output, JobListResponse page, JobStatus status)
    {
        if (page.Items.Count == 0)
        {
            output.WriteLine($"No {Lower(status)} jobs.");
        }

        foreach (var job in page.Items)
        {
            output.WriteLine($"{job.JobId}  {Lower(job.Status)}/{ProgressBar.StageName(job.Stage)}  {job.CreatedAt:u}  {job.Error ?? job.Message}".TrimEnd());
        }

        if (page.NextCursor is { } cursor)
        {
            output.WriteLine($"More: orleans-nlp jobs list --status {Lower(status)} --limit {page.Items.Count} --cursor {cursor}");
        }
    }

    public static void PrintJob(TextWriter output, JobResponse job)
    {
        output.WriteLine($"Job {job.JobId}");
        output.WriteLine($"  Status:    {Lower(job.Status)}/{ProgressBar.StageName(job.Stage)} {job.Progress}%  {job.Message}".TrimEnd());
        if (job.Total is { } total)
        {
            output.WriteLine($"  Rows:      {job.Completed ?? 0}/{total}");
        }

        output.WriteLine($"  Priority:  {Lower(job.Priority)}");
        output.WriteLine($"  Created:   {job.CreatedAt:u}");
        if (job.CompletedAt is { } completedAt)
        {
            output.WriteLine($"  Ended:     {completedAt:u} ({(completedAt - job.CreatedAt).TotalSeconds:0.###} s after creation)");
        }

        if (job.RanOn is { } ranOn)
        {
            // "output" rather than "LLM": the built-in summariser is no language model.
            output.WriteLine($"  Ran on:    {ranOn.Embedding ?? "-"} (embedding), {ranOn.Llm ?? "-"} (output)");
        }

        if (job.Metadata is { ValueKind: JsonValueKind.Object } metadata)
        {
            output.WriteLine($"  Metadata:  {metadata.GetRawText()}");
        }

        if (job.Error is not null)
        {
            output.WriteLine($"  Error:     {job.Error}");
        }

        if (job.Result is { } result)
        {
            PrintResult(output, result);
        }
    }

    public static void PrintResult(TextWriter output, JobResult result)
    {
        if (result.Llm is { } llm)
        {
            // The built-in summariser picks sentences from the text; calling it "LLM" output would mislead.
            output.WriteLine(llm.IsExtractive
                ? $"Extractive summary ({llm.Model}):"
                : $"LLM output ({llm.Provider}/{llm.Model}{Tokens(llm)}):");
            foreach (var line in llm.Output.Split('\n'))
            {
                output.WriteLine("  " + line.TrimEnd('\r'));
            }
        }

        if (result.Analysis is { } analysis)
        {
            output.WriteLine($"Top words:       {string.Join(", ", analysis.TopWords.Select(word => $"{word.Word} ({word.Count})"))}");
            output.WriteLine($"Word count:      {analysis.WordCount}");
        }

        if (result.Embedding is { } embedding)
        {
            output.WriteLine($"Embedding model: {embedding.Model} ({embedding.Dimensions} dimensions, {embedding.Chunks} chunk{(embedding.Chunks == 1 ? "" : "s")})");
        }

        if (result.Rows is { } rows)
        {
            output.WriteLine($"Dataset:         {result.Name} ({rows.Count} row{(rows.Count == 1 ? "" : "s")}, {result.Fields?.Count ?? 0} fields{(result.Model is null ? "" : $", model {result.Model}")})");
            output.WriteLine($"Invalid rows:    {result.InvalidRows?.Count ?? 0}");
        }
    }

    private static string Tokens(LlmOutput llm) =>
        llm.PromptTokens is null && llm.CompletionTokens is null ? "" : $", {llm.PromptTokens ?? 0} prompt + {llm.CompletionTokens ?? 0} completion tokens";

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
