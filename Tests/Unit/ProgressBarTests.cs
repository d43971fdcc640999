using OrleansNlp.Cli;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The command line's progress bar, drawn into a string.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class ProgressBarTests
{
    [Fact]
    public void ProgressBar_RendersStatusStageAndMessage_AndRedrawsInPlaceOnATerminal()
    {
        var progress = new JobProgress("j", JobStatus.Processing, JobStage.Llm, 50, "Generating output", DateTime.UtcNow, Version: 3);
        var screen = new StringWriter();
        var bar = new ProgressBar(screen, terminalWidth: 120);

        bar.Show(progress with { Stage = JobStage.Embedding, Progress = 10, Message = "Embedding text" });
        bar.Show(progress);
        bar.End();

        Assert.Equal("[#########.........] 50% processing/llm  Generating output", ProgressBar.Render(progress));
        Assert.Equal("\r[#.................] 10% processing/embedding  Embedding text"
            + "\r[#########.........] 50% processing/llm  Generating output" + new string(' ', 3) + Environment.NewLine, screen.ToString());
    }

    [Fact]
    public void ABatch_RendersDoneOverTotalWithTheFinalCounts_ThenWhatIsStillWaiting()
    {
        var summary = new BatchSummary(new Dictionary<string, int>(), new SentimentCounts(0, 0, 0));
        var batch = new BatchResponse("b", BatchStatus.Processing, 1000, new BatchCounts(200, 300, 480, 20, 0), 50,
            DateTime.UtcNow, null, summary, null, 7);
        var redirected = new StringWriter();
        var bar = new ProgressBar(redirected, terminalWidth: null);

        bar.Show(batch);
        bar.Show(batch);
        bar.Show(batch with { Status = BatchStatus.Completed, Counts = new BatchCounts(0, 0, 980, 20, 0), Progress = 100 });

        Assert.Equal("[#########.........] 50% processing  500/1000 done: 480 completed, 20 failed; 300 processing, 200 pending",
            ProgressBar.Render(batch));
        Assert.Equal("[..................] 0% pending  0/3 done; 3 pending",
            ProgressBar.Render(batch with { Status = BatchStatus.Pending, Total = 3, Counts = new BatchCounts(3, 0, 0, 0, 0), Progress = 0 }));
        // Redirected output: one line per change, an unchanged batch not repeated.
        Assert.Equal(
            [ProgressBar.Render(batch), "[##################] 100% completed  1000/1000 done: 980 completed, 20 failed", ""],
            redirected.ToString().Split(Environment.NewLine));
    }

    [Fact]
    public void ADatasetJob_RendersItsRowsCompletedOverTotal_AndItsStageByItsApiName()
    {
        var progress = new JobProgress("d", JobStatus.Processing, JobStage.Generation, 40, "Generating rows 41-60 of 100", DateTime.UtcNow,
            Version: 5, Total: 100, Completed: 40);

        Assert.Equal("[#######...........] 40% processing/generation  40/100 rows  Generating rows 41-60 of 100", ProgressBar.Render(progress));
        Assert.Equal("[..................] 0% processing/schema_preparation  0/100 rows  Creating dataset schema",
            ProgressBar.Render(progress with { Stage = JobStage.SchemaPreparation, Progress = 0, Completed = null, Message = "Creating dataset schema" }));
    }
}
