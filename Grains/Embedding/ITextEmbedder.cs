using System.Diagnostics;

namespace OrleansNlp.Embedding;

/// <summary>Turns texts into unit-length vectors. One instance per silo, shared by all embedding activations.</summary>
public interface ITextEmbedder
{
    string Model { get; }

    int Dimensions { get; }

    /// <summary>Splits a text into chunks (whole sentences where possible) that each fit the model's input.</summary>
    IReadOnlyList<string> Chunk(string text);

    ValueTask<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>Embeds the texts and tells how much work that was: the time embedding them again would take, without the
    /// time spent waiting for capacity. This default counts the whole call.</summary>
    async ValueTask<EmbeddedTexts> EmbedMeasuredAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var vectors = await EmbedAsync(texts, cancellationToken);
        return new EmbeddedTexts(vectors, Stopwatch.GetElapsedTime(started));
    }
}

/// <summary>Vectors, one per text, and the work they took (see <see cref="ITextEmbedder.EmbedMeasuredAsync"/>).</summary>
public readonly record struct EmbeddedTexts(float[][] Vectors, TimeSpan WorkTime);
