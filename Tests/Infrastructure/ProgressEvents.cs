using System.Threading.Channels;
using OrleansNlp.Models;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Reading a job's progress events as they arrive.</summary>
public static class ProgressEvents
{
    /// <summary>Reads events until a final one, or fails after the timeout.</summary>
    public static async Task<IReadOnlyList<JobProgressEvent>> UntilFinalAsync(this ChannelReader<JobProgressEvent> events, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var received = new List<JobProgressEvent>();
        while (received.Count == 0 || !received[^1].Status.IsFinal())
        {
            received.Add(await events.ReadAsync(cts.Token));
        }

        return received;
    }
}
