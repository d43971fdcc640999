using Microsoft.Extensions.Logging;

namespace OrleansNlp.Jobs;

/// <summary>Puts the job id in a logging scope around every call to a job grain, so that every line logged about a
/// job (its pipeline, which the call starts, included) carries <c>JobId</c> as a structured property: searchable in
/// the JSON console format (<c>Logging__Console__FormatterName=json</c>) and in OTLP logs.</summary>
public sealed class JobLogScope(ILoggerFactory loggers) : IIncomingGrainCallFilter
{
    private readonly ILogger _logger = loggers.CreateLogger("OrleansNlp.Jobs");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not JobGrain job)
        {
            await context.Invoke();
            return;
        }

        using (Begin(_logger, job.JobId))
        {
            await context.Invoke();
        }
    }

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
