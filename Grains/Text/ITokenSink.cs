namespace OrleansNlp.Text;

/// <summary>Receives the tokens <see cref="ScriptRuns"/> cuts from a run.</summary>
public interface ITokenSink
{
    void Add(ReadOnlySpan<char> token);
}
