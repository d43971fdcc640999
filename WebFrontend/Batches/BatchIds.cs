using OrleansNlp.WebFrontend.Jobs;

namespace OrleansNlp.WebFrontend.Batches;

/// <summary>Batch ids: 32 lowercase hex digits when generated, "idem-" and 40 hex digits for an Idempotency-Key; at most
/// 48 letters, digits, '-' or '_', so that each job id ("{batchId}-{index}") stays a valid job id.</summary>
public static class BatchIds
{
    public const int MaxLength = 48;

    public static string New() => RandomIds.New();

    public static bool IsValid(string? batchId) =>
        batchId is { Length: > 0 and <= MaxLength } && batchId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
