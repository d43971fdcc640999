using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.Tests;

/// <summary>Who sees what of the operations view with API keys on: /api/stats per owner, the Orleans dashboard for
/// admin keys only (by header, or by the session cookie a browser gets from POST /api/dashboard/session).</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class OperationsAccessTests(OwnersWebFactory factory) : IClassFixture<OwnersWebFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _alice = factory.ClientWithKey(OwnersWebFactory.Alice);
    private readonly HttpClient _bob = factory.ClientWithKey(OwnersWebFactory.Bob);
    private readonly HttpClient _admin = factory.ClientWithKey(OwnersWebFactory.Admin);

    private static async Task<StatsResponse> StatsAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<StatsResponse>("/api/stats", JsonDefaults.Options))!;

    private HttpClient WithoutCookieJar() => factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    [Fact]
    public async Task AUserKey_SeesTheCountsOfItsOwnJobsOnly_AndAnAdminKeyTheCluster()
    {
        var aliceBefore = await StatsAsync(_alice);
        var bobBefore = await StatsAsync(_bob);
        foreach (var i in new[] { 1, 2 })
        {
            Assert.Equal("completed", (await _alice.FinalJobAsync(await _alice.SubmitJobAsync($"{Guid.NewGuid():N} Alice's job {i}."))).Status());
        }

        var aliceAfter = await Wait.UntilAsync(() => StatsAsync(_alice), stats => stats.Jobs.Completed == aliceBefore.Jobs.Completed + 2,
            Timeout, "Alice's two jobs to be counted");
        var bobAfter = await StatsAsync(_bob);
        var cluster = await StatsAsync(_admin);

        Assert.Equal(StatsScope.Owner, aliceAfter.Scope);
        Assert.Null(aliceAfter.Throughput);
        Assert.Null(aliceAfter.Queues);
        Assert.Null(aliceAfter.Silos);
        Assert.Equal(bobBefore.Jobs, bobAfter.Jobs);
        Assert.Equal(StatsScope.Cluster, cluster.Scope);
        Assert.True(cluster.Jobs.Completed >= aliceAfter.Jobs.Completed + bobAfter.Jobs.Completed);
        Assert.Single(cluster.Silos!);
        await AssertProblemAsync(await WithoutCookieJar().GetAsync("/api/stats"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    public async Task TheDashboard_Is401WithoutAKey_403WithAUserKey_And200WithAnAdminKey(string path)
    {
        await AssertProblemAsync(await WithoutCookieJar().GetAsync(path), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await _alice.GetAsync(path), HttpStatusCode.Forbidden);

        var answer = await _admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(answer.Content.Headers.ContentType!.MediaType, new[] { "text/html", "application/json" });
        Assert.Contains("style-src 'self' 'unsafe-inline'", answer.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task ASessionStartedWithAnAdminKey_OpensTheDashboardByItsCookieAlone_AndNothingElse()
    {
        await AssertProblemAsync(await _alice.PostAsync("/api/dashboard/session", null), HttpStatusCode.Forbidden);
        var started = await _admin.PostAsync("/api/dashboard/session", null);
        Assert.Equal(HttpStatusCode.NoContent, started.StatusCode);
        var setCookie = Assert.Single(started.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardSession.CookieName + "=", setCookie);
        Assert.Contains("path=/dashboard", setCookie);
        Assert.Contains("httponly", setCookie);
        Assert.Contains("samesite=strict", setCookie);
        Assert.DoesNotContain(OwnersWebFactory.Admin, setCookie);
        var cookie = setCookie.Split(';')[0];

        var browser = WithoutCookieJar();
        browser.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/DashboardCounters")).StatusCode);
        // The cookie is the dashboard's only: the API still needs a key.
        await AssertProblemAsync(await browser.GetAsync("/api/stats"), HttpStatusCode.Unauthorized);

        var forged = WithoutCookieJar();
        forged.DefaultRequestHeaders.Add("Cookie", cookie[..^3] + (cookie[^3] == 'A' ? "B" : "A") + cookie[^2..]);
        await AssertProblemAsync(await forged.GetAsync("/dashboard/DashboardCounters"), HttpStatusCode.Unauthorized);
    }
}
