using Microsoft.Extensions.Logging;
using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Telemetry;

namespace OrleansNlp.Stats;

/// <summary>This silo's load, read from the counters it maintains (<see cref="JobMetrics"/>) and its LLM gate.</summary>
public sealed class SiloStatsService(GrainId id, Silo silo, ILoggerFactory loggers, JobMetrics metrics, PriorityGate llmGate)
    : GrainService(id, silo, loggers), ISiloStatsService
{
    public Task<SiloLoad> GetLoadAsync() => Task.FromResult(new SiloLoad(
        metrics.Occupancy.Snapshot(),
        new LlmCapacity(llmGate.InFlight, llmGate.Capacity, llmGate.Waiting),
        metrics.Completions.Snapshot(DateTime.UtcNow)));
}
