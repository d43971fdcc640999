using Wire = OrleansNlp.Contracts;

namespace OrleansNlp.Models;

/// <summary>The one place where the grain's records become the JSON shapes of <c>OrleansNlp.Contracts</c>: the REST
/// API, the webhook sender and the live progress relay all go through here.</summary>
public static class JobResponseMapping
{
    /// <summary>The job as the REST API and webhooks show it; the document vector only when <paramref name="includeVector"/>.
    /// Stored metadata goes through <see cref="MetadataJson.Parse"/>, so a lone surrogate from an old job cannot break it.</summary>
    public static Wire.JobResponse ToResponse(this JobSnapshot snapshot, bool includeVector = false) => new(
        snapshot.JobId,
        snapshot.Status,
        snapshot.Stage,
        snapshot.Progress,
        snapshot.Message,
        snapshot.CreatedAt,
        snapshot.StartedAt,
        snapshot.CompletedAt,
        new Wire.StageAttempts(snapshot.Attempts.Embedding, snapshot.Attempts.Llm),
        MetadataJson.Parse(snapshot.MetadataJson),
        snapshot.Result?.ToResponse(includeVector) ?? snapshot.Dataset?.ToResponse(),
        snapshot.Error,
        snapshot.Timings is { } timings ? new Wire.StageTimings(timings.EmbeddingMs, timings.LlmMs) : null,
        snapshot.ExpiresAt,
        snapshot.Priority,
        snapshot.Webhook is { } webhook ? new Wire.WebhookDelivery(webhook.CallbackUrl, webhook.Attempts, webhook.DeliveredAt, webhook.LastError) : null,
        snapshot.Version,
        snapshot.RanOn is { } ranOn ? new Wire.StageSilos(ranOn.Embedding, ranOn.Llm) : null,
        snapshot.ClientId,
        snapshot.IsDataset ? "dataset" : null,
        snapshot.RowsTotal,
        snapshot.RowsCompleted);

    /// <summary>A progress event as the hub and Server-Sent Events send it.</summary>
    public static Wire.JobProgress ToResponse(this JobProgressEvent progress) => new(
        progress.JobId, progress.Status, progress.Stage, progress.Progress, progress.Message, progress.Timestamp, progress.Version,
        progress.Total, progress.Completed);

    private static Wire.JobResult ToResponse(this DatasetResult dataset) => new(
        null, null, null,
        Name: dataset.Name,
        Rows: dataset.Rows.Select(DatasetJson.Element).ToArray(),
        Fields: DatasetJson.Fields(dataset.FieldsJson),
        InvalidRows: dataset.InvalidRows.Select(row => new Wire.InvalidDatasetRow(DatasetJson.Element(row.RowJson), row.Errors)).ToArray(),
        Model: dataset.Model);

    private static Wire.JobResult ToResponse(this JobResult result, bool includeVector) => new(
        new Wire.TextAnalysis(
            result.Analysis.WordCount,
            result.Analysis.TopWords.Select(word => new Wire.WordCount(word.Word, word.Count)).ToArray()),
        new Wire.EmbeddingSummary(
            result.Embedding.Model,
            result.Embedding.Dimensions,
            result.Embedding.Chunks,
            includeVector ? result.Embedding.Vector : null),
        new Wire.LlmOutput(result.Llm.Provider, result.Llm.Model, result.Llm.Output, result.Llm.PromptTokens, result.Llm.CompletionTokens),
        result.Cached,
        result.Language is { } language
            ? new Wire.TextLanguage(language.Code, language.Name, language.Confidence,
                language.Candidates.Select(candidate => new Wire.LanguageCandidate(candidate.Code, candidate.Name, candidate.Confidence)).ToArray())
            : null,
        result.Sentiment is { } sentiment ? new Wire.TextSentiment(sentiment.Label, sentiment.Score, sentiment.Method, sentiment.Reason) : null);
}
