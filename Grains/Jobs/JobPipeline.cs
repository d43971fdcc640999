using Microsoft.Extensions.Logging;
using OrleansNlp.Analysis;
using OrleansNlp.Cache;
using OrleansNlp.Datasets;
using OrleansNlp.Models;
using OrleansNlp.Text;

namespace OrleansNlp.Jobs;

/// <summary>The steps of a text job (a dataset job's are the <see cref="DatasetPipeline"/>'s), one stage at a time: queued (a cached result completes the job at once) → embedding
/// (its output is the checkpoint) → LLM → completed. Runs on the job grain's scheduler; every change goes through
/// <paramref name="apply"/> and the <see cref="StageRunner"/>.</summary>
public sealed class JobPipeline(
    string jobId,
    JobOptions options,
    IGrainFactory grains,
    JobResultCache resultCache,
    TextInsightsAnalyzer analyzer,
    StageRunner stages,
    DatasetPipeline datasets,
    bool summarizesExtractively,
    Func<JobState> state,
    Func<Func<JobState, JobChange?>, Task<bool>> apply,
    ILogger logger)
{
    /// <summary>The job's result cache key, computed once: the lookup and the store use the same one.</summary>
    private string? _cacheKey;

    public StageRunner Stages => stages;

    /// <summary>This activation resumed an interrupted job: from now on every move is persisted, so that a job that
    /// crashes its silo runs out of attempts instead of crashing it forever.</summary>
    public bool Resumed
    {
        get => datasets.Resumed;
        set => datasets.Resumed = value;
    }

    /// <summary>Runs steps until the job is final, cannot move on, either token fires, or the job's deadline passes
    /// (then the job fails).</summary>
    public async Task RunAsync(CancellationToken cancelRequested, CancellationToken deactivating)
    {
        // Leave the current grain turn first: Submit must return without waiting for any stage.
        await Task.Yield();
        using var deadline = new CancellationTokenSource();
        if (state().DeadlineAt - DateTime.UtcNow is { } left)
        {
            if (left > TimeSpan.Zero)
            {
                deadline.CancelAfter(left);
            }
            else
            {
                deadline.Cancel();
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancelRequested, deactivating, deadline.Token);
        var ct = stop.Token;
        try
        {
            while (!state().IsFinal && !ct.IsCancellationRequested && await RunNextStepAsync(ct))
            {
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled by the user (the state already says so) or deactivating (the reminder resumes the job).
        }
        catch (Exception exception)
        {
            // Persisting failed (storage unavailable): the activation is reset and the reminder resumes the job later.
            logger.LogWarning(exception, "Job {JobId} paused at {Stage}; the watchdog will resume it", jobId, state().Stage);
        }

        if (deadline.IsCancellationRequested && !cancelRequested.IsCancellationRequested && !deactivating.IsCancellationRequested)
        {
            logger.LogWarning("Job {JobId} ran out of time at {Stage}", jobId, state().Stage);
            try
            {
                await apply(job => job.Fail(
                    $"The job did not finish within its time limit of {options.JobTimeout} (Jobs:JobTimeout); it was at the {job.Stage.ToString().ToLowerInvariant()} stage.",
                    DateTime.UtcNow, options.Retention));
            }
            catch (JobStoreUnavailableException)
            {
                // The watchdog wakes the job again; its deadline has passed, so it fails then.
            }
        }
    }

    /// <summary>Runs the next step; false when the job cannot move on now (final, refused, or failed).</summary>
    public async Task<bool> RunNextStepAsync(CancellationToken ct) => state().Request!.IsDataset ? await datasets.RunNextStepAsync(ct) : state().Stage switch
    {
        JobStage.Queued => await StartAsync(),
        JobStage.Embedding => await EmbedAsync(ct),
        JobStage.Llm => await GenerateAsync(ct),
        _ => false,
    };

    private async Task<bool> StartAsync()
    {
        if (resultCache.Enabled && await resultCache.TryGetAsync(CacheKey()) is { } cached)
        {
            return await apply(job => job.Complete(cached, "Completed from the result cache", DateTime.UtcNow, options.Retention));
        }

        // Not persisted on a first run: after a crash the job is found pending and simply starts again.
        return await stages.EnterAsync(job => Persisted(job.EnterStage(JobStage.Embedding, 10, "Embedding text", DateTime.UtcNow, stages.Silo), Resumed), JobStage.Embedding);
    }

    private async Task<bool> EmbedAsync(CancellationToken ct)
    {
        var request = state().Request!;
        // The built-in summary ranks the text's sentences: they are embedded with the chunks, in one call.
        var embeddingRequest = new EmbeddingRequest(request.Text, request.Instruction, jobId, options.StageTimeout, WithSentences: summarizesExtractively);
        var embedding = await stages.RunAsync(JobStage.Embedding, () => grains.Reference<IEmbeddingGrain>(0).EmbedAsync(embeddingRequest), ct);
        // Judged by the inference time, not the wall time: under load most of a stage's time is spent queued for the
        // batcher, and a crash would cost only the inference again.
        var worthAWrite = Resumed || embedding?.WorkTime >= options.CheckpointAfter;
        return embedding is not null && await stages.EnterAsync(job => Persisted(job.Checkpoint(embedding, DateTime.UtcNow, stages.Silo), worthAWrite), JobStage.Llm);
    }

    private string CacheKey() => _cacheKey ??= resultCache.KeyFor(state().Request!);

    private static JobChange? Persisted(JobChange? change, bool persist) => change is { } applied ? applied with { Persist = persist } : null;

    private async Task<bool> GenerateAsync(CancellationToken ct)
    {
        var request = state().Request!;
        var checkpoint = state().Embedding!;
        // Language, word statistics and built-in sentiment need no model: the job computes them itself (they are
        // deterministic, so a resumed job computes them again rather than store them). The language comes first:
        // a text the built-in sentiment analyzer does not cover asks the LLM for its sentiment in the same call.
        var insights = await analyzer.AnalyzeAsync(request.Text, ct);
        var llmRequest = new LlmRequest(request.Instruction, checkpoint, jobId, request.Priority, options.StageTimeout,
            insights.AskLlmForSentiment ? insights.Language : null);
        var output = await stages.RunAsync(JobStage.Llm, () => grains.Reference<ILlmGrain>(0).GenerateAsync(llmRequest), ct);
        if (output is null)
        {
            return false;
        }

        var result = new JobResult(
            insights.Words,
            new EmbeddingSummary(checkpoint.Model, checkpoint.Dimensions, checkpoint.Chunks.Count, checkpoint.DocumentVector),
            output with { Sentiment = null },
            Language: insights.Language,
            Sentiment: output.Sentiment ?? insights.Sentiment);
        var completed = await apply(job => job.Complete(result, "Completed", DateTime.UtcNow, options.Retention));
        if (completed && resultCache.Enabled)
        {
            await resultCache.StoreAsync(CacheKey(), result);
        }

        return completed;
    }
}
