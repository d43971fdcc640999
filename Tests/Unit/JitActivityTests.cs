extern alias bench;

using bench::OrleansNlp.Bench.Pipeline;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The pipeline benchmark's warm-up reads how many methods a process's JIT has compiled from its Prometheus
/// exposition (the runtime's counter), and stops warming up once a round compiles few.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class JitActivityTests
{
    [Fact]
    public void Parse_ReadsTheRuntimeCounter_AmongOtherSeries()
    {
        const string exposition = """
            # TYPE dotnet_jit_compiled_methods_total counter
            dotnet_jit_compiled_il_size_bytes_total{otel_scope_name="System.Runtime"} 2417758
            dotnet_jit_compiled_methods_total_other 5
            dotnet_jit_compiled_methods_total{otel_scope_name="System.Runtime"} 34259 1764633600000
            jobs_finished_total{status="completed"} 42
            """;

        Assert.Equal(34259, JitActivity.Parse(exposition));
    }

    [Fact]
    public void Parse_IsNull_WhenTheProcessDoesNotExposeIt()
    {
        Assert.Null(JitActivity.Parse("jobs_finished_total{status=\"completed\"} 42\n"));
    }
}
