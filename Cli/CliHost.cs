using OrleansNlp.Client;

namespace OrleansNlp.Cli;

/// <summary>What the CLI runs against: its output, the environment and how it makes its client. Tests pass their own
/// writers and a client routed through a test server.</summary>
/// <param name="TerminalWidth">Columns of the terminal the output goes to; null when it is redirected, and the
/// progress bar then prints one line per change instead of redrawing one line.</param>
/// <param name="Input">Standard input, read by <c>batch -</c>; null reads nothing.</param>
public sealed record CliHost(
    TextWriter Output,
    TextWriter Error,
    Func<string, string?> Environment,
    Func<OrleansNlpClientOptions, OrleansNlpClient> CreateClient,
    int? TerminalWidth = null,
    TextReader? Input = null)
{
    public static CliHost ForConsole() => new(
        Console.Out,
        Console.Error,
        System.Environment.GetEnvironmentVariable,
        options => new OrleansNlpClient(options),
        Console.IsOutputRedirected ? null : ConsoleWidth(),
        Console.In);

    private static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
