namespace OrleansNlp;

/// <summary>Job pipeline settings, bound from the "Jobs" configuration section.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Period of the reminder that restarts a job's pipeline after a crash. Recovery takes at most
    /// failure detection plus this period. Must be at least the reminder service's minimum period.</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Retries of a stage after a transient failure (so a stage runs at most this + 1 times).</summary>
    public int StageRetries { get; set; } = 3;

    /// <summary>Base of the exponential backoff between retries (full jitter: a random delay up to base × 2^n).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the backoff between retries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time limit of one stage attempt; running over it counts as a transient failure.</summary>
    public TimeSpan StageTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Longest an LLM attempt may wait for a slot of the silo's LLM capacity (Llm:MaxConcurrencyPerSilo)
    /// before its <see cref="StageTimeout"/> starts: a backlog under load is not a failure.</summary>
    public TimeSpan LlmQueueTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A stage's output is persisted as a checkpoint (so that recovery does not run the stage again) when the
    /// stage's work (its inference time, not time spent queued) took at least this long; a cheaper stage simply runs
    /// again after a crash.</summary>
    public TimeSpan CheckpointAfter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a job may be processing before the status index lists it under <c>processing</c> (it stays listed
    /// as pending until then): a job that finishes sooner moves once in the index, from pending to its final status,
    /// sparing two Redis commands. Zero lists every job under processing as soon as it starts.</summary>
    public TimeSpan ListProcessingAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest a job may take from acceptance (or an operator's retry) to a final status, waiting included;
    /// past it the job fails with an error saying so.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a final job's activation stays in memory after its last change (readers of a just-finished job
    /// are served from memory); then it leaves, and a later read loads it from storage. Keeps a silo's memory flat
    /// under sustained load instead of holding every finished job until Orleans' idle collection.</summary>
    public TimeSpan FinishedActivationLifetime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a final job is kept before its state is deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
