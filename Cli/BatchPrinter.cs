using System.Globalization;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>Prints a finished batch for people: its status, then a table of its jobs by status, language and sentiment.</summary>
public static class BatchPrinter
{
    private const int LabelWidth = 12;

    public static void PrintSummary(TextWriter output, BatchResponse batch, TimeSpan elapsed, IReadOnlyList<JobResponse> failedJobs)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Batch {batch.BatchId}  {Lower(batch.Status)}  {batch.Total} texts in {elapsed.TotalSeconds:0.00} s"));
        var counts = batch.Counts;
        Section(output, "Status",
        [
            ("pending", counts.Pending), ("processing", counts.Processing), ("completed", counts.Completed),
            ("failed", counts.Failed), ("cancelled", counts.Cancelled),
        ]);
        var languages = batch.Summary.Languages.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (pair.Key, pair.Value)).ToList();
        var unknown = counts.Completed - languages.Sum(pair => pair.Value);
        if (unknown > 0)
        {
            languages.Add(("unknown", unknown));
        }

        Section(output, "Language", languages);
        var sentiment = batch.Summary.Sentiment;
        var labelled = sentiment.Positive + sentiment.Neutral + sentiment.Negative;
        var sentiments = new List<(string, int)> { ("positive", sentiment.Positive), ("neutral", sentiment.Neutral), ("negative", sentiment.Negative) };
        if (counts.Completed - labelled > 0)
        {
            sentiments.Add(("none", counts.Completed - labelled));
        }

        Section(output, "Sentiment", sentiments);
        if (failedJobs.Count > 0)
        {
            output.WriteLine(counts.Failed > failedJobs.Count ? $"Failed jobs (first {failedJobs.Count} of {counts.Failed}):" : "Failed jobs:");
            foreach (var job in failedJobs)
            {
                output.WriteLine($"  {job.JobId}  {job.Error ?? job.Message}".TrimEnd());
            }
        }
    }

    /// <summary>A heading row, then one row per value with its count right-aligned under "Jobs".</summary>
    private static void Section(TextWriter output, string heading, IReadOnlyList<(string Name, int Count)> rows)
    {
        output.WriteLine($"  {heading,-LabelWidth} {"Jobs",6}");
        if (rows.Count == 0)
        {
            output.WriteLine($"  {"(none)",-LabelWidth} {0,6}");
        }

        foreach (var (name, count) in rows)
        {
            output.WriteLine($"  {name,-LabelWidth} {count,6}");
        }
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
