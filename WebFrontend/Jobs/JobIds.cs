namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>Job ids: 32 lowercase hex digits when generated; at most 64 letters, digits, '-' or '_' when given.</summary>
public static class JobIds
{
    public const int MaxLength = 64;

    public static string New() => RandomIds.New();

    public static bool IsValid(string? jobId) =>
        jobId is { Length: > 0 and <= MaxLength } && jobId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
