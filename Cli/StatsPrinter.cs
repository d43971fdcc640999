using System.Globalization;
using System.Text.Json;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>Prints the operations view for people (aligned tables) or as JSON for scripts.</summary>
public static class StatsPrinter
{
    private static readonly JsonSerializerOptions Indented = new(JsonDefaults.Options) { WriteIndented = true };

    public static void PrintJson(TextWriter output, StatsResponse stats) => output.WriteLine(JsonSerializer.Serialize(stats, Indented));

    public static void PrintTable(TextWriter output, StatsResponse stats)
    {
        var jobs = stats.Jobs;
        output.WriteLine(stats.Scope == StatsScope.Cluster
            ? $"Cluster at {stats.GeneratedAt:u}"
            : $"Your jobs at {stats.GeneratedAt:u} (an admin key shows the whole cluster)");
        Table(output,
            ["PENDING", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED"],
            [[N(jobs.Pending), N(jobs.Processing), N(jobs.Completed), N(jobs.Failed), N(jobs.Cancelled)]]);

        if (stats.Throughput is { } throughput)
        {
            output.WriteLine();
            output.WriteLine($"Throughput: {Rate(throughput.LastMinute)} jobs/s over the last minute, {Rate(throughput.LastHour)} jobs/s over the last hour");
        }

        if (stats.Queues is { } queues)
        {
            output.WriteLine($"Waiting:    {queues.Pending} pending, {queues.Embedding} at embedding, {queues.Llm} at LLM");
        }

        if (stats.Silos is { } silos)
        {
            output.WriteLine();
            Table(output,
                ["SILO", "NAME", "STATUS", "QUEUED", "EMBEDDING", "LLM", "LLM SLOTS", "LLM WAITING", "JOBS/S (1 MIN)"],
                silos.Select(silo => new[]
                {
                    silo.Address, silo.Name, silo.Status,
                    silo.Jobs is { } held ? N(held.Queued) : "-",
                    silo.Jobs is { } atEmbedding ? N(atEmbedding.Embedding) : "-",
                    silo.Jobs is { } atLlm ? N(atLlm.Llm) : "-",
                    silo.Llm is { } llm ? $"{llm.InUse}/{llm.Capacity}" : "-",
                    silo.Llm is { } gate ? N(gate.Waiting) : "-",
                    silo.Throughput is { } rate ? Rate(rate.LastMinute) : "-",
                }).ToArray());
        }
    }

    private static void Table(TextWriter output, string[] header, string[][] rows)
    {
        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).Append(title.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Rate(double perSecond) => perSecond.ToString("0.###", CultureInfo.InvariantCulture);
}
