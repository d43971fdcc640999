using Microsoft.Extensions.Logging;

namespace OrleansNlp.Jobs;

/// <summary>The job id as a logging scope, opened around every call to a job grain (the grain's own call filter) and
/// around a pipeline an activation resumes, so that every line logged about a job (its pipeline, which the call
/// starts, included) carries <c>JobId</c> as a structured property: searchable in the JSON console format
/// (<c>Logging__Console__FormatterName=json</c>) and in OTLP logs. A grain filter rather than a silo-wide one: calls to
/// every other grain (the embedding and LLM workers, stream queues) run without an extra filter frame.</summary>
public static class JobLogScope
{
    public static IDisposable? Begin(ILogger logger, string jobId) => logger.BeginScope(new Scope(jobId));

    /// <summary>The scope's one property; its text ("JobId:…") is what plain-text formatters print.</summary>
    private sealed class Scope(string jobId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new("JobId", jobId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"JobId:{jobId}";
    }
}
