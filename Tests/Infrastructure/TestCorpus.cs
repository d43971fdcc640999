namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Deterministic sentences of varied length for embedding tests.</summary>
public static class TestCorpus
{
    private static readonly string[] Subjects = ["The cat", "A young musician", "The old doctor", "Our team", "The river", "My neighbour"];
    private static readonly string[] Verbs = ["watched", "played", "crossed", "painted", "described", "followed"];
    private static readonly string[] Objects = ["the quiet garden", "a long song about the sea", "the market in the morning", "the bridge", "three small boats on the lake", "the evening news"];
    private static readonly string[] Tails = ["", " before the rain started", " while the children were asleep in the house next door", " again"];

    public static string[] Sentences(int count) =>
        Enumerable.Range(0, count)
            .Select(i => $"{Subjects[i % Subjects.Length]} {Verbs[i / 3 % Verbs.Length]} {Objects[i / 7 % Objects.Length]}{Tails[i / 2 % Tails.Length]}.")
            .ToArray();
}
