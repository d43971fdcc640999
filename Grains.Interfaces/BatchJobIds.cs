using System.Globalization;

namespace OrleansNlp;

/// <summary>The ids of a batch's jobs: "{batchId}-{index}", fixed by the batch and the text's position, so a fan-out
/// repeated after a crash reaches the same job grains and creates no duplicate.</summary>
public static class BatchJobIds
{
    public static string For(string batchId, int index) => batchId + "-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The position of a job in its batch, or -1 when the id is not one of that batch's job ids.</summary>
    public static int IndexOf(string batchId, string jobId) =>
        jobId.Length > batchId.Length + 1 && jobId.StartsWith(batchId, StringComparison.Ordinal) && jobId[batchId.Length] == '-'
        && int.TryParse(jobId.AsSpan(batchId.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : -1;
}
