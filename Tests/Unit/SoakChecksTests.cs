extern alias bench;

using System.Net;
using System.Text;
using bench::OrleansNlp.Bench.Soak;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The soak's judgements on recorded figures (Bench soak): memory growth, Redis bounded by retention, how bad
/// requests and cancellations are spread, and what counts as a right answer to a bad request.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class SoakChecksTests
{
    private static readonly Window Baseline = new(20, 40);
    private static readonly Window End = new(100, 120);

    [Fact]
    public void MemoryFlat_FailsWhenTheEndMedianIsMoreThanTheToleranceAboveTheBaseline()
    {
        var growing = Summary(at => 300 + at); // 330 MB after warm-up, 410 MB at the end
        var check = SoakChecks.MemoryFlat("silo-1", growing, 10);

        Assert.Equal(330, growing.BaselineMb);
        Assert.Equal(410, growing.EndMb);
        Assert.False(check.Passed);
        Assert.Contains("+24.2 %", check.Detail);
    }

    [Fact]
    public void MemoryFlat_PassesNoiseWithinTheToleranceAndADrop()
    {
        Assert.True(SoakChecks.MemoryFlat("silo-1", Summary(at => 300 + (at % 10 == 0 ? 25 : 0)), 10).Passed);
        Assert.True(SoakChecks.MemoryFlat("frontend", Summary(at => 400 - at), 10).Passed);
    }

    [Fact]
    public void MemoryFlat_IsNotJudgedWithoutSamplesInBothWindows()
    {
        var gone = SoakChecks.Summarize(Series(at => at < 50 ? 300 : null), Baseline, End, 120, 10);
        Assert.Null(SoakChecks.MemoryFlat("silo-1", gone, 10).Passed);
    }

    [Fact]
    public void RedisBounded_PassesASawtoothOnceExpiryRuns()
    {
        // Retention 30 s, watchdog 10 s: jobs pile up for 40 s, then each tick deletes what expired.
        var verdict = Redis(at => at < 40 ? at : 30 + at % 10, keysPerJob: 3);
        Assert.True(verdict.Check.Passed, verdict.Check.Detail);
    }

    [Fact]
    public void RedisBounded_DoesNotCountAWarmUpsJobs_ThatTheFirstTicksDelete()
    {
        // 1,500 jobs of a warm-up are stored when the load starts; until expiry runs, Redis holds more than the bound.
        var verdict = Redis(at => at < 40 ? at + 15 : 30 + at % 10, keysPerJob: 3);
        Assert.True(verdict.Check.Passed, verdict.Check.Detail);
        Assert.Equal(3900, verdict.MaxJobsStored);
    }

    [Fact]
    public void RedisBounded_FailsWhenKeysKeepGrowingThoughJobsExpire()
    {
        // A key per job that expiry leaves behind (100 a second): memory barely moves within the run, the key count does.
        var verdict = SoakChecks.RedisBounded(
            Enumerable.Range(0, 121).Select(at => ((double)at, new RedisFigures(
                UsedMemoryMb: 40, Keys: (long)(3 * 100 * Jobs(at)) + 100L * at, Jobs: (long)(100 * Jobs(at))))).ToArray(),
            retentionSeconds: 30, watchdogSeconds: 10, samplePeriodSeconds: 1, loadSeconds: 120, acceptedPerSecond: 100, tolerancePercent: 10);
        Assert.False(verdict.Check.Passed);

        static double Jobs(int at) => at < 40 ? at : 30 + at % 10;
    }

    [Fact]
    public void RedisBounded_FailsWhenMoreJobsAreStoredThanRetentionAllows()
    {
        var verdict = Redis(at => at, keysPerJob: 3);
        Assert.False(verdict.Check.Passed);
        Assert.Equal(5000, verdict.JobsBound); // 100/s × (30 + 10 + 10) s
    }

    [Fact]
    public void RedisBounded_IsNotJudgedWhenTheLoadEndsBeforeExpiryHasRunLongEnough()
    {
        var verdict = SoakChecks.RedisBounded(
            [(0, new RedisFigures(1, 10, 0)), (60, new RedisFigures(9, 9000, 3000))],
            retentionSeconds: 86_400, watchdogSeconds: 60, samplePeriodSeconds: 2, loadSeconds: 60, acceptedPerSecond: 50, tolerancePercent: 10);
        Assert.Null(verdict.Check.Passed);
    }

    [Fact]
    public void Fires_SpreadsAFractionEvenly_AndCancellationsNeverFallOnBadRequests()
    {
        var bad = Enumerable.Range(0, 1000).Where(i => SoakTraffic.Fires(i, 0.05, 0)).ToArray();
        var cancel = Enumerable.Range(0, 1000).Where(i => SoakTraffic.Fires(i, 0.05, 0.5)).ToArray();

        Assert.Equal(50, bad.Length);
        Assert.Equal(50, cancel.Length);
        Assert.Empty(bad.Intersect(cancel));
        Assert.All(bad.Zip(bad.Skip(1)), pair => Assert.Equal(20, pair.Second - pair.First));
        Assert.DoesNotContain(Enumerable.Range(0, 100), i => SoakTraffic.Fires(i, 0, 0));
    }

    [Fact]
    public async Task BadRequestAnswer_IsRightOnlyAsA4xxProblemNamingTheField()
    {
        var priority = BadRequests.Kinds.Single(kind => kind.Name == "bad-priority");

        Assert.Null(await Check(HttpStatusCode.BadRequest, "application/problem+json", """{"status":400,"errors":{"priority":["unknown"]}}"""));
        Assert.Equal("400 not naming priority", await Check(HttpStatusCode.BadRequest, "application/problem+json", """{"status":400,"errors":{"text":["x"]}}"""));
        Assert.Equal("400 without problem+json", await Check(HttpStatusCode.BadRequest, "application/json", """{"status":400}"""));
        Assert.Equal("400 with a problem of another status", await Check(HttpStatusCode.BadRequest, "application/problem+json", """{"status":422,"errors":{"priority":["x"]}}"""));
        Assert.Equal("500", await Check(HttpStatusCode.InternalServerError, "application/problem+json", """{"status":500}"""));
        Assert.Equal("202", await Check(HttpStatusCode.Accepted, "application/json", "{}"));

        async Task<string?> Check(HttpStatusCode status, string mediaType, string body)
        {
            using var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            return await BadRequests.CheckAsync(response, priority, CancellationToken.None);
        }
    }

    [Fact]
    public void BadRequestBodies_AreWhatTheirNamesSay()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(Kind("malformed-json").Body));
        Assert.True(Kind("oversize-metadata").Body.Length > 16_384);
        Assert.Contains("\"priority\": \"urgent\"", Kind("bad-priority").Json);
        Assert.Contains("\"text\": \"\"", Kind("empty-text").Json);

        static BadRequest Kind(string name) => BadRequests.Kinds.Single(kind => kind.Name == name);
    }

    private static SeriesSummary Summary(Func<int, double?> mb) => SoakChecks.Summarize(Series(mb), Baseline, End, 120, 10);

    private static IEnumerable<(double At, double? Value)> Series(Func<int, double?> mb) =>
        Enumerable.Range(0, 61).Select(k => k * 2).Select(at => ((double)at, mb(at)));

    /// <summary>A run at 100 accepted jobs/s, retention 30 s, watchdog period 10 s, one sample a second; jobs stored
    /// are 100 × the given seconds' worth, and memory and keys follow them.</summary>
    private static RedisVerdict Redis(Func<int, double> secondsOfJobs, int keysPerJob) =>
        SoakChecks.RedisBounded(
            Enumerable.Range(0, 121).Select(at => ((double)at, new RedisFigures(
                UsedMemoryMb: 1 + 0.003 * 100 * secondsOfJobs(at), Keys: (long)(keysPerJob * 100 * secondsOfJobs(at)), Jobs: (long)(100 * secondsOfJobs(at))))).ToArray(),
            retentionSeconds: 30, watchdogSeconds: 10, samplePeriodSeconds: 1, loadSeconds: 120, acceptedPerSecond: 100, tolerancePercent: 10);
}
