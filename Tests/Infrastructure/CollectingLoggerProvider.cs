using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Keeps every log line (message, exception, and the scopes it was logged in, as <c>{Key=value}</c>) so tests
/// can check what a process logged.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collector(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}{Scopes()}");

        private string Scopes()
        {
            var text = new System.Text.StringBuilder();
            owner._scopes.ForEachScope((scope, builder) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> properties)
                {
                    foreach (var (key, value) in properties)
                    {
                        builder.Append(" {").Append(key).Append('=').Append(value).Append('}');
                    }
                }
            }, text);
            return text.ToString();
        }
    }
}
