namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The silo's reminder table, except that registering a reminder of a grain whose key starts with
/// <see cref="RefusedPrefix"/> fails, as it does while the table's store is unreachable.</summary>
public sealed class FaultInjectingReminderTable(IReminderTable inner) : IReminderTable
{
    public const string RefusedPrefix = "no-reminder-";

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

    public Task<string?> UpsertRow(ReminderEntry entry) =>
        entry.GrainId.Key.ToString()!.StartsWith(RefusedPrefix, StringComparison.Ordinal)
            ? throw new InvalidOperationException("Injected: the reminder table is unreachable.")
            : inner.UpsertRow(entry);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => inner.RemoveRow(grainId, reminderName, eTag);

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();
}
