using OrleansNlp.Models;

namespace OrleansNlp.Batches;

/// <summary>The durable progress of one batch (stored under <see cref="StorageNames.Jobs"/>); never leaves the grain.
/// It changes only through its methods: <see cref="Apply"/> takes what a job says about itself (older versions are
/// ignored, so updates may arrive in any order and more than once), and <see cref="Record"/> makes the next version.</summary>
[GenerateSerializer, Alias("OrleansNlp.BatchState")]
public sealed class BatchState
{
    /// <summary>Digest of the submitted request (<see cref="BatchRequest.Digest"/>), to tell a repeat from a different one.</summary>
    [Id(0)] public string? RequestDigest { get; private set; }
    [Id(1)] public string? Owner { get; private set; }
    [Id(2)] public DateTime CreatedAt { get; private set; }

    /// <summary>One entry per text, in submission order.</summary>
    [Id(3)] public BatchJobEntry[] Jobs { get; private set; } = [];
    [Id(4)] public BatchStatus Status { get; private set; }

    /// <summary>Every job has been created (the texts are no longer kept).</summary>
    [Id(5)] public bool FannedOut { get; private set; }
    [Id(6)] public bool CancelRequested { get; private set; }
    [Id(7)] public DateTime? CompletedAt { get; private set; }
    [Id(8)] public DateTime? ExpiresAt { get; private set; }

    /// <summary>Goes up by one with each recorded change; orders snapshots and progress events.</summary>
    [Id(9)] public long Version { get; private set; }

    public bool IsFinal => Status.IsFinal();

    /// <summary>Every job is final and no more will be created.</summary>
    public bool IsDone => (FannedOut || CancelRequested) && Jobs.All(job => job.IsFinal);

    /// <summary>A new batch: every job pending and not created yet; version 1.</summary>
    public void Accept(BatchRequest request, DateTime now)
    {
        if (RequestDigest is not null)
        {
            throw new InvalidOperationException("The batch was already accepted.");
        }

        ArgumentOutOfRangeException.ThrowIfZero(request.Texts.Count, nameof(request.Texts));
        RequestDigest = request.Digest();
        Owner = request.Owner;
        CreatedAt = now;
        Jobs = Enumerable.Repeat(BatchJobEntry.Unknown, request.Texts.Count).ToArray();
        Status = BatchStatus.Pending;
        Version = 1;
    }

    /// <summary>What a job says about itself; false when it is not newer than what the batch knows, or not its job.</summary>
    public bool Apply(int index, BatchJobUpdate update)
    {
        if (index < 0 || index >= Jobs.Length || update.Version <= Jobs[index].Version)
        {
            return false;
        }

        Jobs[index] = update.Status == JobStatus.Completed
            ? new BatchJobEntry(update.Status, update.Version, update.Language, update.Sentiment)
            : new BatchJobEntry(update.Status, update.Version);
        return true;
    }

    /// <summary>A cancelled batch's job that was never created counts as cancelled. False when the batch knows the job exists.</summary>
    public bool MarkNeverCreated(int index)
    {
        if (Jobs[index].Version != 0 || Jobs[index].IsFinal)
        {
            return false;
        }

        Jobs[index] = new BatchJobEntry(JobStatus.Cancelled, 0);
        return true;
    }

    public void CompleteFanOut() => FannedOut = true;

    public void RequestCancel() => CancelRequested = true;

    /// <summary>The next version: completed (or cancelled) once every job is final, reopened when an operator retried
    /// one of its failed jobs, else pending until a job started and processing after.</summary>
    public void Record(DateTime now, TimeSpan retention)
    {
        if (IsDone)
        {
            if (!IsFinal)
            {
                Status = CancelRequested ? BatchStatus.Cancelled : BatchStatus.Completed;
                CompletedAt = now;
                ExpiresAt = now + retention;
            }
        }
        else
        {
            Status = Jobs.All(job => job.Status == JobStatus.Pending) ? BatchStatus.Pending : BatchStatus.Processing;
            CompletedAt = null;
            ExpiresAt = null;
        }

        Version++;
    }

    public BatchCounts Counts()
    {
        int pending = 0, processing = 0, completed = 0, failed = 0, cancelled = 0;
        foreach (var job in Jobs)
        {
            switch (job.Status)
            {
                case JobStatus.Pending: pending++; break;
                case JobStatus.Processing: processing++; break;
                case JobStatus.Completed: completed++; break;
                case JobStatus.Failed: failed++; break;
                case JobStatus.Cancelled: cancelled++; break;
            }
        }

        return new BatchCounts(pending, processing, completed, failed, cancelled);
    }

    /// <summary>Languages and sentiment labels of the completed jobs; a job without one counts under none.</summary>
    public BatchSummary Summary()
    {
        var languages = new Dictionary<string, int>(StringComparer.Ordinal);
        int positive = 0, neutral = 0, negative = 0;
        foreach (var job in Jobs.Where(job => job.Status == JobStatus.Completed))
        {
            if (job.Language is { } code)
            {
                languages[code] = languages.GetValueOrDefault(code) + 1;
            }

            switch (job.Sentiment)
            {
                case "positive": positive++; break;
                case "neutral": neutral++; break;
                case "negative": negative++; break;
            }
        }

        return new BatchSummary(languages, positive, neutral, negative);
    }

    public BatchSnapshot ToSnapshot(string batchId) =>
        new(batchId, Status, Jobs.Length, Counts(), CreatedAt, CompletedAt, Summary(), ExpiresAt, Version, Owner);
}
