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
}
