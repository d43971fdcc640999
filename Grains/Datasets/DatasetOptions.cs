namespace OrleansNlp.Datasets;

/// <summary>Dataset job settings, bound from the "Datasets" configuration section.</summary>
public sealed class DatasetOptions
{
    public const string SectionName = "Datasets";

    /// <summary>Rows asked for in one call to the model; each call's rows are a checkpoint.</summary>
    public int RowsPerCall { get; set; } = 20;

    /// <summary>Calls beyond the ones the rows need, spent on regenerating rows that were invalid or duplicates; when
    /// they are spent, the dataset completes with the rows it has and reports the invalid ones.</summary>
    public int ExtraCalls { get; set; } = 5;

    /// <summary>Most existing key values a call lists for the model to avoid (the latest ones).</summary>
    public int MaxAvoidInPrompt { get; set; } = 200;

    /// <summary>Most invalid rows a dataset keeps for its report.</summary>
    public int MaxInvalidRowsReported { get; set; } = 100;
}
