namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>Input limits for submissions, bound from the "Limits" configuration section.</summary>
public sealed class SubmitLimits
{
    public const string SectionName = "Limits";

    /// <summary>Largest text, in UTF-8 bytes (default 1 MiB); larger is 413.</summary>
    public int MaxTextBytes { get; set; } = 1024 * 1024;

    public int MaxInstructionLength { get; set; } = 2000;

    /// <summary>Largest metadata object, in UTF-8 bytes of its JSON.</summary>
    public int MaxMetadataBytes { get; set; } = 16 * 1024;

    public int MaxMetadataDepth { get; set; } = 5;

    public int MaxIdempotencyKeyLength { get; set; } = 255;

    /// <summary>Longest callbackUrl, in characters (default 2048).</summary>
    public int MaxCallbackUrlLength { get; set; } = 2048;

    /// <summary>Most texts in one batch (POST /api/batches).</summary>
    public int MaxBatchTexts { get; set; } = 1000;

    /// <summary>Largest batch request body, in bytes (default 10 MiB); each text is still limited by <see cref="MaxTextBytes"/>.</summary>
    public long MaxBatchBodyBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Most rows one dataset job may ask for (POST /api/datasets "rows").</summary>
    public int MaxDatasetRows { get; set; } = 500;

    /// <summary>Largest request body: the text may double in size through JSON escapes, plus room for the rest.</summary>
    public long MaxBodyBytes => 2L * MaxTextBytes + 64 * 1024;
}
