namespace OrleansNlp.Bench;

/// <summary>A deterministic corpus of short texts (one to three sentences) drawn from a fixed set of paragraphs.</summary>
public static class BenchCorpus
{
    private static readonly string[] Paragraphs =
    [
        "The city council met on Tuesday to discuss the new budget. Several members argued that the plan cut too deeply into public transport. The mayor said the savings were needed to repair old schools. A final vote is expected next month.",
        "Heavy rain caused flooding in the northern valley overnight. Rescue teams moved families from low houses to the community hall. The river is expected to fall slowly over the weekend. Farmers fear that much of the harvest has been lost.",
        "The company reported higher revenue for the third quarter. Sales of its new phone were stronger than analysts had predicted. Shares rose sharply in early trading. The chief executive warned that supply costs remain a concern.",
        "She learned to play the guitar when she was twelve years old. Her first band performed in small clubs across the country. Today she writes songs for other musicians and teaches young students. Her latest album was recorded in a single week.",
        "The museum opened a new exhibition of ancient maps. Visitors can see how sailors imagined the edges of the known world. Some of the maps were drawn by hand more than five hundred years ago. The collection will travel to three other cities next year.",
        "Doctors recommend regular exercise and a balanced diet. Even a short walk each day can improve sleep and mood. Patients with heart disease should speak to their physician before starting a new routine. Drinking enough water also matters.",
        "The team scored twice in the final ten minutes to win the championship. Thousands of fans celebrated in the streets after the match. The coach praised the players for their patience and discipline. It was the club's first title in twenty years.",
        "Researchers have developed a cheaper way to store energy from solar panels. The new battery uses common materials instead of rare metals. Early tests show that it keeps most of its capacity after many cycles. The design could help remote villages gain reliable power.",
        "The recipe calls for two cups of flour, a pinch of salt and warm milk. Knead the dough gently until it becomes smooth. Let it rest in a covered bowl for about an hour. Bake the bread until the crust turns golden brown.",
        "A small cat was found sleeping in the engine of a delivery truck. The driver heard a faint noise when he stopped at a traffic light. Firefighters carefully freed the kitten, which was unharmed. A local family has since adopted it.",
        "The software update fixes several security problems in the browser. Users are advised to install it as soon as possible. The patch also improves battery life on older laptops. Some features will be disabled until the next release.",
        "Students at the university protested against the rise in tuition fees. They marched from the library to the main administration building. Officials agreed to meet student leaders later in the week. Classes continued as normal in most departments.",
    ];

    /// <summary>Every sentence of the corpus, in order.</summary>
    public static string[] Sentences { get; } = Paragraphs
        .SelectMany(paragraph => paragraph.Split(". ", StringSplitOptions.RemoveEmptyEntries)
            .Select(sentence => sentence.EndsWith('.') ? sentence : sentence + "."))
        .ToArray();

    public static string[] Create(int count)
    {
        var sentences = Sentences;
        var random = new Random(20_251_123);
        return Enumerable.Range(0, count)
            .Select(_ =>
            {
                // Mostly single sentences, some short passages: like chunks and queries reaching the stage.
                var length = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
                var start = random.Next(sentences.Length);
                return string.Join(' ', Enumerable.Range(start, length).Select(i => sentences[i % sentences.Length]));
            })
            .ToArray();
    }
}
