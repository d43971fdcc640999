using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansNlp.Llm;
using OrleansNlp.Models;

namespace OrleansNlp.Telemetry;

/// <summary>Job counts and durations on Meter <see cref="MeterName"/>, recorded by the silo that runs each job, and the
/// silo's LLM capacity in use. A job resumed after a crash counts once; a failed job retried by an operator counts in
/// <c>jobs.retried</c> and again in <c>jobs.finished</c> when it ends. Results served from the cache are tagged
/// <c>cached</c>, so that their near-zero durations can be told apart. The gauge <c>jobs.active</c> reads the silo's
/// <see cref="Occupancy"/> (unfinished jobs by status and stage); <see cref="Completions"/> feeds the throughput of
/// GET /api/stats.</summary>
public sealed class JobMetrics
{
    public const string MeterName = "OrleansNlp.Jobs";

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;

    public JobMetrics(IMeterFactory meterFactory, PriorityGate llmGate)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("jobs.active", Occupancy.Measurements, "{job}",
            "Unfinished jobs active on this silo: pending (stage queued) or processing (stage embedding or llm)");
        meter.CreateObservableGauge("llm.calls.active", () => llmGate.InFlight, "{call}", "LLM calls holding one of the silo's capacity slots");
        meter.CreateObservableGauge("llm.calls.waiting", () => llmGate.Waiting, "{call}", "LLM calls waiting for a capacity slot");
        _submitted = meter.CreateCounter<long>("jobs.submitted", "{job}", "Jobs accepted");
        _retried = meter.CreateCounter<long>("jobs.retried", "{job}", "Failed jobs restarted by an operator");
        _finished = meter.CreateCounter<long>("jobs.finished", "{job}", "Jobs that turned final, by status");
        _duration = meter.CreateHistogram("jobs.duration", "s", "From acceptance to the final status, by status", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800] });
    }

    public StageOccupancy Occupancy { get; } = new();

    public CompletionHistory Completions { get; } = new();

    public void Submitted() => _submitted.Add(1);

    public void Retried() => _retried.Add(1);

    public void Finished(JobStatus status, bool cached, DateTime createdAt, DateTime completedAt)
    {
        var tags = new TagList { { "status", status.ToString().ToLowerInvariant() }, { "cached", cached } };
        _finished.Add(1, tags);
        _duration.Record((completedAt - createdAt).TotalSeconds, tags);
        if (status == JobStatus.Completed)
        {
            Completions.Record(completedAt);
        }
    }
}
