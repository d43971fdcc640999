using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansNlp.Hosting;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>
/// JobStatus, JobStage and JobPriority live in OrleansNlp.Contracts, which has no Orleans code generation; the codecs
/// registered in Grains.Interfaces write them as Orleans' generated enum codecs did. These bytes were written by a
/// build whose enums had generated codecs (Orleans serializer, as the Redis grain storage uses it): they must still
/// read, and today's writes must read back the same.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class StorageCompatibilityTests
{
    private const string StateWrittenBeforeContracts =
        "ICDoQAl0ZXh0QQlpbnN0QQ97ImEiOjF9AQlBL2h0dHA6Ly8xMjcuMC4wLjE6MS9ob29r4AENAQkB8UEDbYGAQPAd2irdSMEBwQEh6AAFAQ3gwQEh6CDoAB0xAbshuvdpUmVhZE9ubHlMaXN0SW50ZXJmYWNlQ29kZWNgMVtbT3JsZWFuc05scC5Xb3JkQ291bnRdXQAFIehACWNhdHMBCeAg6EAJZG9ncwEF4ODgIehAC2dsb3ZlAQ0BCSEAB2EAAIA+YAAAAL9gAACAP+DgIehAFWV4dHJhY3RpdmVBG2V4dHJhY3RpdmUtdjFBHUNhdHMgYW5kIGRvZ3MuwQEBMeABA+BBA2XBASHoAAEBAeDBAQElAQHBAcEB4A==";

    private const string SnapshotWrittenBeforeContracts =
        "IOhAC2pvYi0xAQkBDQEiA4HgtFce2irdSIEA14ge2irdSIEgk0cf2irdSCHoAAUBCeBBb3sic291cmNlIjoidGVzdCIsIm4iOlsxLDIuNSx7IngiOm51bGx9XSwiYmFkIjoiXHVkODAwIn0h6CDoAB0xAbshuvdpUmVhZE9ubHlMaXN0SW50ZXJmYWNlQ29kZWNgMVtbT3JsZWFuc05scC5Xb3JkQ291bnRdXQAFIehACWNhdHMBCeAg6EAJZG9ncwEF4ODgIehAC2dsb3ZlAQ0BCSEAB2EAAIA+YAAAAL9gAACAP+DgIehAFWV4dHJhY3RpdmVBG2V4dHJhY3RpdmUtdjFBHUNhdHMgYW5kIGRvZ3MuwQEBMeABA+DBAUEJRG9uZSHogAAAAAAAAClAwQHggQBAf49AMN1IAQUBHSHoQC9odHRwOi8vMTI3LjAuMC4xOjEvaG9vawEJgQAEuh/aKt1IQQlib29t4OA=";

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(JobState).Assembly).AddAssembly(typeof(JobSnapshot).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void JobState_StoredBeforeTheContractsMoved_ReadsWithItsEnums()
    {
        var state = Serializer.Deserialize<JobState>(Convert.FromBase64String(StateWrittenBeforeContracts))!;

        Assert.Equal((JobStatus.Failed, JobStage.Llm, JobPriority.Low), (state.Status, state.Stage, state.Request!.Priority));
        Assert.Equal((60, "m", 9L, "e"), (state.Progress, state.Message, state.Version, state.Error));
        Assert.Equal(3, state.Attempts.Llm);
        Assert.True(state.Result!.Cached);
    }

    [Fact]
    public void JobState_WrittenToday_ReadsBackTheSame_WithItsEnums()
    {
        // JobState changes only through its guarded moves, so the stored state is read, written and read again. The
        // bytes themselves differ from the old ones since requests gained an owner; older silos skip that field.
        var state = Serializer.Deserialize<JobState>(Convert.FromBase64String(StateWrittenBeforeContracts))!;

        var again = Serializer.Deserialize<JobState>(Serializer.SerializeToArray(state))!;

        Assert.Equal((JobStatus.Failed, JobStage.Llm, JobPriority.Low), (again.Status, again.Stage, again.Request!.Priority));
        Assert.Equal(state.Request, again.Request);
        Assert.Equal((state.Progress, state.Message, state.Version, state.Error), (again.Progress, again.Message, again.Version, again.Error));
    }

    [Fact]
    public void JobSnapshot_GrainCallPayload_ReadsOldAndNewBytes()
    {
        var snapshot = ContractJsonTests.CompletedSnapshot();

        var read = Serializer.Deserialize<JobSnapshot>(Convert.FromBase64String(SnapshotWrittenBeforeContracts))!;

        Assert.Equal((JobStatus.Completed, JobStage.Done, JobPriority.High), (read.Status, read.Stage, read.Priority));
        var again = Serializer.Deserialize<JobSnapshot>(Serializer.SerializeToArray(snapshot))!;
        Assert.Equal((snapshot.Status, snapshot.Stage, snapshot.Priority, snapshot.Version), (again.Status, again.Stage, again.Priority, again.Version));
    }

    [Fact]
    public void PooledStorageSerializer_WritesOrleansStorageBytes_AndReadsStoredState()
    {
        var pooled = new PooledGrainStorageSerializer(Serializer);
        var orleans = new Orleans.Storage.OrleansGrainStorageSerializer(Serializer);
        var stored = new BinaryData(Convert.FromBase64String(StateWrittenBeforeContracts));
        var state = pooled.Deserialize<JobState>(stored)!;

        Assert.Equal((JobStatus.Failed, JobStage.Llm, "e"), (state.Status, state.Stage, state.Error));
        // Larger than the pooled writer's first segment, so the array is assembled from several.
        var large = new JobState();
        large.Accept(new JobRequest(string.Concat(Enumerable.Repeat("A long text spans pooled segments. ", 2000))), DateTime.UtcNow);
        foreach (var value in new[] { state, large })
        {
            var written = pooled.Serialize(value).ToArray();
            Assert.Equal(orleans.Serialize(value).ToArray(), written);
            Assert.Equal(value.Request, pooled.Deserialize<JobState>(new BinaryData(written))!.Request);
        }
    }
}
