namespace OrleansNlp.Bench;

/// <summary>A token cancelled by Ctrl+C (or SIGTERM), so that a verb can stop what it started before it exits.</summary>
public sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly System.Runtime.InteropServices.PosixSignalRegistration _terminate;

    private ConsoleCancellation()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        _terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _source.Cancel();
        });
    }

    public CancellationToken Token => _source.Token;

    public static ConsoleCancellation Create() => new();

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _source.Cancel();
    }
}
