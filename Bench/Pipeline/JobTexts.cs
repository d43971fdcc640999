namespace OrleansNlp.Bench.Pipeline;

/// <summary>Texts for submitted jobs: three to five sentences of news-like prose from <see cref="BenchCorpus"/>, one of
/// them naming the run and the job, so that no two texts of any run are equal and no job is served from the result
/// cache.</summary>
public static class JobTexts
{
    private static readonly string[] Openers = ["Reference", "Case", "Report", "Ticket", "File"];

    public static string[] Create(string runId, int first, int count)
    {
        var sentences = BenchCorpus.Sentences;
        // The same sentences every run (only the id differs): runs stay comparable.
        var random = new Random(first);
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(2, 5);
            var start = random.Next(sentences.Length);
            var parts = Enumerable.Range(start, length).Select(k => sentences[k % sentences.Length]).ToList();
            parts.Insert(random.Next(parts.Count + 1),
                $"{Openers[random.Next(Openers.Length)]} {runId}-{first + i} was logged by the news desk.");
            texts[i] = string.Join(' ', parts);
        }

        return texts;
    }
}
