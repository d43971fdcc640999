namespace OrleansNlp.Embedding;

/// <summary>Turns texts into unit-length vectors. One instance per silo, shared by all embedding activations.</summary>
public interface ITextEmbedder
{
    string Model { get; }

    int Dimensions { get; }

    /// <summary>Splits a text into chunks (whole sentences where possible) that each fit the model's input.</summary>
    IReadOnlyList<string> Chunk(string text);

    ValueTask<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
