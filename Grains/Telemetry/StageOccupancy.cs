using System.Diagnostics.Metrics;
using OrleansNlp.Models;

namespace OrleansNlp.Telemetry;

/// <summary>The unfinished jobs active on this silo, by where they are (pending: queued; processing: embedding or llm),
/// kept as counters that each job activation moves as its state moves (<see cref="Jobs.JobJournal"/>) and leaves when
/// it deactivates. Gauges and stats read them; nothing scans the jobs.</summary>
public sealed class StageOccupancy
{
    private long _queued;
    private long _embedding;
    private long _llm;

    /// <summary>Where a job counts: nowhere once final (or before it exists), queued while pending, else its stage.</summary>
    public static JobStage? Of(JobState state) =>
        state.Request is null || state.IsFinal ? null : state.Status == JobStatus.Pending ? JobStage.Queued : state.Stage;

    public void Move(JobStage? from, JobStage? to)
    {
        if (from != to)
        {
            Add(from, -1);
            Add(to, 1);
        }
    }

    public StageOccupancyCounts Snapshot() =>
        new(Interlocked.Read(ref _queued), Interlocked.Read(ref _embedding), Interlocked.Read(ref _llm));

    /// <summary>The counts as gauge measurements tagged with the job status and stage.</summary>
    public IEnumerable<Measurement<long>> Measurements()
    {
        var counts = Snapshot();
        yield return new Measurement<long>(counts.Queued, new("status", "pending"), new("stage", "queued"));
        yield return new Measurement<long>(counts.Embedding, new("status", "processing"), new("stage", "embedding"));
        yield return new Measurement<long>(counts.Llm, new("status", "processing"), new("stage", "llm"));
    }

    private void Add(JobStage? stage, long delta)
    {
        switch (stage)
        {
            case JobStage.Queued:
                Interlocked.Add(ref _queued, delta);
                break;
            case JobStage.Embedding:
                Interlocked.Add(ref _embedding, delta);
                break;
            case JobStage.Llm:
                Interlocked.Add(ref _llm, delta);
                break;
        }
    }
}
