namespace OrleansNlp.Embedding;

/// <summary>Turns texts into unit-length vectors. One instance per silo, shared by all embedding activations.</summary>
public interface ITextEmbedder
{
    string Model { get; }

    int Dimensions { get; }

    /// <summary>How many words one chunk may hold before the text is split.</summary>
    int MaxWordsPerChunk { get; }

    ValueTask<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
