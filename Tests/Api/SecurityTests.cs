using System.Net;
using System.Net.Http.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>API keys and the submission rate limit, on a frontend with both switched on.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class SecurityTests : IClassFixture<SecuredWebFactory>
{
    private readonly SecuredWebFactory _factory;
    private readonly HttpClient _anonymous;
    private readonly HttpClient _authorized;

    public SecurityTests(SecuredWebFactory factory)
    {
        _factory = factory;
        _anonymous = factory.CreateClient();
        _authorized = factory.CreateClient();
        _authorized.DefaultRequestHeaders.Add("X-Api-Key", SecuredWebFactory.ApiKey);
    }

    [Theory]
    [InlineData("GET", "/api/jobs/abc")]
    [InlineData("POST", "/api/jobs")]
    [InlineData("DELETE", "/api/jobs/abc")]
    [InlineData("GET", "/api/jobs?status=failed")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/scalar/v1")]
    [InlineData("GET", "/metrics")]
    public async Task WithoutAValidKey_EveryEndpointButHealthIs401(string method, string path)
    {
        var missing = await _anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var wrong = new HttpRequestMessage(new HttpMethod(method), path);
        wrong.Headers.Add("X-Api-Key", "not-the-key");
        var wrongResponse = await _anonymous.SendAsync(wrong);

        await AssertProblemAsync(missing, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.DoesNotContain("not-the-key", await wrongResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_NeedsNoKey()
    {
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync("/health")).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/styles.css")]
    [InlineData("/js/main.js")]
    [InlineData("/js/store.js")]
    public async Task ThePageAndItsModules_NeedNoKey(string path)
    {
        // The page must load to show its API key form.
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task WithAValidKey_SubmissionsAreRateLimited_ButPollingIsNot()
    {
        var accepted = new List<string>();
        HttpResponseMessage response;
        while ((response = await _authorized.PostAsJsonAsync("/api/jobs", new { text = "Rate limited submissions." })).StatusCode == HttpStatusCode.Accepted)
        {
            accepted.Add(await response.ReadJobIdAsync());
            Assert.True(accepted.Count <= SecuredWebFactory.PermitLimit, "more submissions were accepted than the limit allows");
        }

        Assert.Equal(SecuredWebFactory.PermitLimit, accepted.Count);
        await AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a Retry-After header is expected");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _authorized.GetAsync($"/api/jobs/{accepted[0]}")).StatusCode);
        }

        Assert.DoesNotContain(_factory.Logs.Lines, line => line.Contains(SecuredWebFactory.ApiKey));
    }
}
