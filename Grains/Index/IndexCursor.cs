using System.Globalization;

namespace OrleansNlp.Index;

/// <summary>An opaque position in a status index: the creation time (ticks) and id of the last job returned.</summary>
public readonly record struct IndexCursor(long Ticks, string JobId)
{
    public override string ToString() => $"{Ticks.ToString(CultureInfo.InvariantCulture)}.{JobId}";

    public static bool TryParse(string? text, out IndexCursor cursor)
    {
        cursor = default;
        var dot = text?.IndexOf('.') ?? -1;
        if (text is null || dot <= 0 || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        cursor = new IndexCursor(ticks, text[(dot + 1)..]);
        return true;
    }

    /// <summary>Newest first: by creation time descending, then id descending.</summary>
    public bool IsAfter(long ticks, string jobId) =>
        ticks < Ticks || (ticks == Ticks && string.CompareOrdinal(jobId, JobId) < 0);
}
