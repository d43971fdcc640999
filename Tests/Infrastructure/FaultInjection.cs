using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using OrleansNlp.Embedding;
using OrleansNlp.Llm;
using OrleansNlp.Models;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>
/// Test doubles around the real embedder and summariser that misbehave on request, driven by markers in the
/// job text: [embed:transient:N] fails N times transiently, [embed:fatal] always fails, [embed:fatal-once] fails once,
/// [embed:hang] waits until cancelled, [embed:hang-once] hangs on the first attempt only, [embed:slow:MS] adds latency, [embed:gate:N] waits for
/// <see cref="OpenGate"/>(N);
/// the same with "llm" for the LLM stage; [store:fail-final:N] makes the job's first write of a final state wait for
/// gate N, then fail (<see cref="FaultInjectingGrainStorage"/>). Counts are kept per text, so parallel tests do not interfere.
/// The embedding stage embeds the sentences the extractive summary ranks with the chunks, so "embed" markers act in the
/// embedding stage only; the summary embeds sentences itself (and an "embed" marker then acts in the LLM stage too)
/// only for a text of more than 256 sentences.
/// </summary>
public static partial class FaultInjection
{
    private static readonly ConcurrentDictionary<string, int> Calls = new();
    private static readonly ConcurrentDictionary<string, bool> CancellationsSeen = new();
    private static readonly ConcurrentDictionary<int, TaskCompletionSource> Gates = new();
    private static readonly ConcurrentDictionary<int, TaskCompletionSource> Held = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Arrivals = new();

    /// <summary>Completes when a call of <paramref name="method"/> on the grain keyed <paramref name="grainKey"/> has begun
    /// its turn (<see cref="CallArrivalFilter"/>); ask before making the call.</summary>
    public static Task CallArrivedAsync(string grainKey, string method) =>
        Arrivals.GetOrAdd($"{grainKey}|{method}", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal static void CallArrived(string grainKey, string method)
    {
        // Only calls someone waits for are remembered: every call of the test clusters passes here.
        if (!Arrivals.IsEmpty && Arrivals.TryRemove($"{grainKey}|{method}", out var arrival))
        {
            arrival.TrySetResult();
        }
    }

    /// <summary>Completes once a write held by [store:fail-final:N] waits at gate N.</summary>
    public static Task HeldAtAsync(int gate) => Held.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>[store:fail-final:N] in a job's text: its first write of a final state waits for gate N, then fails.</summary>
    public static async Task BeforeFinalWriteAsync(string text)
    {
        if (StoreMarker().Match(text) is not { Success: true } match || Calls.AddOrUpdate($"store|{text}", 1, (_, n) => n + 1) > 1)
        {
            return;
        }

        var gate = int.Parse(match.Groups[1].Value);
        Held.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        await GateFor(gate).Task;
        throw new InvalidOperationException("injected storage failure");
    }

    [GeneratedRegex(@"\[store:fail-final:(\d+)\]")]
    private static partial Regex StoreMarker();

    /// <summary>Lets every call held by [stage:gate:N] go on.</summary>
    public static void OpenGate(int gate) => GateFor(gate).TrySetResult();

    private static TaskCompletionSource GateFor(int gate) =>
        Gates.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    [GeneratedRegex(@"\[(embed|llm):(transient|fatal|fatal-once|hang|hang-once|slow|gate)(?::(\d+))?\]")]
    private static partial Regex Marker();

    /// <summary>Whether a hanging call on a text containing this token saw its cancellation token fire.</summary>
    public static bool SawCancellation(string token) => CancellationsSeen.Keys.Any(text => text.Contains(token));

    /// <summary>How often a stage was called for texts containing this token.</summary>
    public static int CallsFor(string stage, string token) =>
        Calls.Where(entry => entry.Key.StartsWith(stage + "|") && entry.Key.Contains(token)).Sum(entry => entry.Value);

    public static async Task BeforeAsync(string stage, string text, CancellationToken ct)
    {
        var call = Calls.AddOrUpdate($"{stage}|{text}", 1, (_, n) => n + 1);
        foreach (Match match in Marker().Matches(text))
        {
            if (match.Groups[1].Value != stage)
            {
                continue;
            }

            var argument = match.Groups[3].Success ? int.Parse(match.Groups[3].Value) : 0;
            switch (match.Groups[2].Value)
            {
                case "transient" when call <= argument:
                    throw new TransientStageException($"injected transient failure {call}");
                case "fatal":
                case "fatal-once" when call == 1:
                    throw new InvalidOperationException("injected fatal failure");
                case "hang":
                case "hang-once" when call == 1:
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ct);
                    }
                    catch (OperationCanceledException)
                    {
                        CancellationsSeen[text] = true;
                        throw;
                    }

                    break;
                case "slow":
                    await Task.Delay(argument, ct);
                    break;
                case "gate":
                    await GateFor(argument).Task.WaitAsync(ct);
                    break;
            }
        }
    }
}

/// <summary>The real embedder behind <see cref="FaultInjection"/>.</summary>
public sealed class FaultInjectingEmbedder(ITextEmbedder inner) : ITextEmbedder
{
    public string Model => inner.Model;

    public int Dimensions => inner.Dimensions;

    public IReadOnlyList<string> Chunk(string text) => inner.Chunk(text);

    public async ValueTask<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        await FaultInjection.BeforeAsync("embed", string.Join("\n", texts), cancellationToken);
        return await inner.EmbedAsync(texts, cancellationToken);
    }
}

/// <summary>The real summariser behind <see cref="FaultInjection"/>.</summary>
public sealed class FaultInjectingLlmProvider(ILlmProvider inner) : ILlmProvider
{
    public string Name => inner.Name;

    public string Model => inner.Model;

    public async Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        await FaultInjection.BeforeAsync("llm", string.Join("\n", request.Embedding.Chunks.Select(c => c.Text)), cancellationToken);
        return await inner.GenerateAsync(request, cancellationToken);
    }
}
