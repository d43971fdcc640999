using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Text;

namespace OrleansNlp.Tests;

/// <summary>The built-in provider's summary through a whole job, with the silo's shipped GloVe model and batcher.</summary>
[Trait(TestCategory.Trait, TestCategory.Cluster)]
[Collection(ClusterCollection.Name)]
public sealed class ExtractiveSummaryTests(ClusterFixture fixture)
{
    private static readonly string[] Sentences =
    [
        "Honeybees collect nectar from flowers across the valley.",
        "The hive turns that nectar into honey over several weeks.",
        "Dr. Alvarez counted 2.5 million bees in the U.S. study.",
        "Beekeepers harvest the honey in late summer.",
    ];

    [Fact]
    public async Task FourSentences_SummarizedInOneSentence_GiveExactlyOneOfThem()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));

        await job.SubmitAsync(new JobRequest(string.Join(' ', Sentences), "Summarize in one sentence"));
        var done = await job.UntilFinalAsync();

        Assert.Equal(JobStatus.Completed, done.Status);
        var llm = done.Result!.Llm;
        Assert.Equal((ExtractiveSummarizer.ProviderName, "ranked-sentences"), (llm.Provider, llm.Model));
        Assert.Contains(llm.Output, Sentences);
        Assert.Single(SentenceSplitter.Split(llm.Output));
    }

    [Fact]
    public async Task AOneSentenceText_IsItsOwnSummary()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));
        var sentence = $"Only one sentence about honeybees and {Guid.NewGuid():N} is here.";

        await job.SubmitAsync(new JobRequest(sentence));
        var done = await job.UntilFinalAsync();

        Assert.Equal(sentence, done.Result!.Llm.Output);
    }
}
