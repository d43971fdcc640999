using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Jobs;

namespace OrleansNlp.Tests;

/// <summary>API keys (unnamed, named, admin; header or bearer), header rules, rate limits, forwarded headers and
/// security headers, on a frontend with all of them switched on. Tests that count anything per address send from an
/// address of their own.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class SecurityTests : IClassFixture<SecuredWebFactory>
{
    private readonly SecuredWebFactory _factory;
    private readonly HttpClient _anonymous;
    private readonly HttpClient _authorized;

    public SecurityTests(SecuredWebFactory factory)
    {
        _factory = factory;
        // Each test comes from addresses of its own, so per-address limits never carry over between tests.
        _anonymous = factory.CreateClientFrom(AddressedClients.NewAddress());
        _authorized = factory.CreateClientFrom(AddressedClients.NewAddress(), SecuredWebFactory.ApiKey);
    }

    [Theory]
    [InlineData("GET", "/api/jobs/abc")]
    [InlineData("POST", "/api/jobs")]
    [InlineData("DELETE", "/api/jobs/abc")]
    [InlineData("GET", "/api/jobs?status=failed")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/scalar/v1")]
    [InlineData("GET", "/metrics")]
    [InlineData("GET", "/no-such-path")]
    [InlineData("POST", "/hubs/jobs/negotiate?negotiateVersion=1")]
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
    public async Task ABatchOfNTexts_TakesNSubmissionPermits()
    {
        var client = ClientFrom(SecuredWebFactory.BatchKey);
        Task<HttpResponseMessage> SubmitAsync(int texts) =>
            client.PostAsJsonAsync("/api/batches", new { texts = Enumerable.Range(0, texts).Select(i => $"Budgeted text {i}.").ToArray() });

        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(2)).StatusCode);
        var refused = await SubmitAsync(SecuredWebFactory.PermitLimit - 1);
        var problem = await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a Retry-After header is expected");
        Assert.Contains("per text", problem.GetProperty("detail").GetString());
        // What is left of the window still takes a smaller batch.
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(SecuredWebFactory.PermitLimit - 2)).StatusCode);
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

    private HttpClient ClientFrom(string? apiKey = null) => _factory.CreateClientFrom(AddressedClients.NewAddress(), apiKey);

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"the problem should name '{field}': {problem}");
        }

        return problem;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { text = "Keys and owners." }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> JobIdOf(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"submission answered {response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    [Theory]
    [InlineData(SecuredWebFactory.ApiKey, SecuredWebFactory.ApiKey)]
    [InlineData(SecuredWebFactory.ApiKey, "not-the-key")]
    [InlineData(SecuredWebFactory.ApiKey + ", " + SecuredWebFactory.OtherKey, null)]
    public async Task RepeatedApiKeyHeader_Is400NamingTheHeader(string first, string? second)
    {
        // Two header lines; a client or proxy may also join them into one line with a comma.
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{Guid.NewGuid():N}");
        request.Headers.TryAddWithoutValidation("X-Api-Key", second is null ? [first] : [first, second]);

        var problem = await AssertProblemAsync(await ClientFrom().SendAsync(request), HttpStatusCode.BadRequest, "X-Api-Key");

        Assert.DoesNotContain(SecuredWebFactory.ApiKey, problem.ToString());
    }

    [Fact]
    public async Task RepeatedBearerCredentials_Are400NamingTheHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{Guid.NewGuid():N}");
        request.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {SecuredWebFactory.ApiKey}", $"Bearer {SecuredWebFactory.OtherKey}"]);

        await AssertProblemAsync(await ClientFrom().SendAsync(request), HttpStatusCode.BadRequest, "Authorization");
    }

    [Fact]
    public async Task BearerKey_IsAcceptedWhereverTheHeaderIs_IncludingHubNegotiation()
    {
        var client = ClientFrom();
        HttpRequestMessage Get(string path, string? bearer)
        {
            var request = new HttpRequestMessage(path.Contains("negotiate") ? HttpMethod.Post : HttpMethod.Get, path);
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            return request;
        }

        var job = await client.SendAsync(Get($"/api/jobs/{Guid.NewGuid():N}", SecuredWebFactory.ApiKey));
        var wrong = await client.SendAsync(Get($"/api/jobs/{Guid.NewGuid():N}", "not-the-key"));
        var negotiate = await client.SendAsync(Get("/hubs/jobs/negotiate?negotiateVersion=1", SecuredWebFactory.ApiKey));
        var negotiateWithQuery = await client.SendAsync(Get($"/hubs/jobs/negotiate?negotiateVersion=1&access_token={SecuredWebFactory.ApiKey}", null));
        var negotiateWithout = await client.SendAsync(Get("/hubs/jobs/negotiate?negotiateVersion=1", null));

        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        await AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Contains(wrong.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        Assert.Contains(wrong.Headers.WwwAuthenticate, challenge => challenge.Scheme == "ApiKey");
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, negotiateWithQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiateWithout.StatusCode);
    }

    [Fact]
    public async Task NamedKey_OwnsItsJobsUnderItsName_UnnamedKey_UnderItsHash()
    {
        var idempotencyKey = Guid.NewGuid().ToString("N");
        var unnamedOwner = "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SecuredWebFactory.OtherKey)))[..16];

        var named = await JobIdOf(await SubmitAsync(ClientFrom(SecuredWebFactory.NamedKey), idempotencyKey));
        var unnamed = await JobIdOf(await SubmitAsync(ClientFrom(SecuredWebFactory.OtherKey), idempotencyKey));

        // The Idempotency-Key is scoped to the owner id: the job id shows which owner the frontend saw.
        Assert.Equal(IdempotencyKeys.JobIdFor(idempotencyKey, SecuredWebFactory.NamedKeyName), named);
        Assert.Equal(IdempotencyKeys.JobIdFor(idempotencyKey, unnamedOwner), unnamed);
    }

    [Fact]
    public async Task ClearingTheCache_NeedsAnAdminKey_ReadingItsFiguresDoesNot()
    {
        var anonymous = await ClientFrom().DeleteAsync("/api/cache");
        var user = await ClientFrom(SecuredWebFactory.ApiKey).DeleteAsync("/api/cache");
        var named = await ClientFrom(SecuredWebFactory.NamedKey).DeleteAsync("/api/cache");
        var stats = await ClientFrom(SecuredWebFactory.ApiKey).GetAsync("/api/cache/stats");
        var admin = await ClientFrom(SecuredWebFactory.AdminKey).DeleteAsync("/api/cache");
        var namedAdmin = await ClientFrom(SecuredWebFactory.NamedAdminKey).DeleteAsync("/api/cache");

        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(user, HttpStatusCode.Forbidden);
        await AssertProblemAsync(named, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, namedAdmin.StatusCode);
    }

    [Theory]
    [InlineData("Auth:ApiKeys:0", "two,keys")]
    [InlineData("Auth:ApiKeys:0", "has space")]
    [InlineData("Auth:AdminKeys:0", SecuredWebFactory.ApiKey)]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0")]
    public async Task AKeyOrProxySettingThatCanNeverWork_StopsStartUp(string key, string value)
    {
        // Auth:ApiKeys:1 is SecuredWebFactory.ApiKey, so the admin case configures one key twice.
        await using var broken = new SecuredWebFactory().WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains(key.Split(':')[0], error.ToString());
        Assert.DoesNotContain(SecuredWebFactory.ApiKey, error.Message);
    }

    [Fact]
    public async Task AdminKey_IsAnOrdinaryKeyEverywhereElse()
    {
        var response = await ClientFrom(SecuredWebFactory.AdminKey).GetAsync($"/api/jobs/{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WrongKeysFromOneAddress_Are429AfterTheLimit_EvenWithTheRightKey_OtherAddressesAreNot()
    {
        var address = AddressedClients.NewAddress();
        var guesser = _factory.CreateClientFrom(address, "wrong-guess");
        for (var i = 0; i < SecuredWebFactory.AuthFailurePermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync($"/api/jobs/{Guid.NewGuid():N}")).StatusCode);
        }

        var limited = await guesser.GetAsync($"/api/jobs/{Guid.NewGuid():N}");
        var rightKeySameAddress = await _factory.CreateClientFrom(address, SecuredWebFactory.ApiKey).GetAsync($"/api/jobs/{Guid.NewGuid():N}");
        var rightKeyElsewhere = await ClientFrom(SecuredWebFactory.ApiKey).GetAsync($"/api/jobs/{Guid.NewGuid():N}");
        var health = await guesser.GetAsync("/health");

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a Retry-After header is expected");
        await AssertProblemAsync(rightKeySameAddress, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.NotFound, rightKeyElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task PerAddressSubmissionLimit_ASecondKeyFromTheSameAddress_GetsNoFreshBudget()
    {
        var address = AddressedClients.NewAddress();
        var first = _factory.CreateClientFrom(address, SecuredWebFactory.BurstKeyA);
        var second = _factory.CreateClientFrom(address, SecuredWebFactory.BurstKeyB);
        for (var i = 0; i < SecuredWebFactory.PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(first)).StatusCode);
        }

        var secondKeyAccepted = await SubmitAsync(second);
        var secondKeyLimited = await SubmitAsync(second);
        var secondKeyElsewhere = await SubmitAsync(ClientFrom(SecuredWebFactory.BurstKeyB));

        Assert.Equal(HttpStatusCode.Accepted, secondKeyAccepted.StatusCode);
        await AssertProblemAsync(secondKeyLimited, HttpStatusCode.TooManyRequests);
        Assert.True(secondKeyLimited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a Retry-After header is expected");
        Assert.Equal(HttpStatusCode.Accepted, secondKeyElsewhere.StatusCode);
    }

    [Fact]
    public async Task ForwardedFor_IsHonouredOnlyFromConfiguredProxies()
    {
        var client = AddressedClients.NewAddress().ToString();
        async Task<HttpStatusCode> GuessVia(System.Net.IPAddress peer, string forwardedFor)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{Guid.NewGuid():N}");
            request.Headers.Add("X-Api-Key", "wrong-guess");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await _factory.CreateClientFrom(peer).SendAsync(request)).StatusCode;
        }

        for (var i = 0; i < SecuredWebFactory.AuthFailurePermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GuessVia(SecuredWebFactory.KnownProxy, client));
        }

        // The limit counted the client behind the proxy, not the proxy...
        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessVia(SecuredWebFactory.KnownProxy, client));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessVia(System.Net.IPAddress.Parse("10.98.7.7"), client));
        Assert.Equal(HttpStatusCode.Unauthorized, await GuessVia(SecuredWebFactory.KnownProxy, AddressedClients.NewAddress().ToString()));
        // ...and anyone else's X-Forwarded-For is ignored: the header cannot put a caller in another's place.
        Assert.Equal(HttpStatusCode.Unauthorized, await GuessVia(AddressedClients.NewAddress(), client));
    }

    [Fact]
    public async Task ForwardedProto_FromAConfiguredProxy_IsTheRequestScheme()
    {
        async Task<string> ServerUrlVia(System.Net.IPAddress peer)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
            request.Headers.Add("X-Api-Key", SecuredWebFactory.OtherKey);
            request.Headers.Add("X-Forwarded-For", AddressedClients.NewAddress().ToString());
            request.Headers.Add("X-Forwarded-Proto", "https");
            var document = await (await _factory.CreateClientFrom(peer).SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            return document.GetProperty("servers")[0].GetProperty("url").GetString()!;
        }

        Assert.StartsWith("https://", await ServerUrlVia(SecuredWebFactory.KnownProxy));
        Assert.StartsWith("http://", await ServerUrlVia(AddressedClients.NewAddress()));
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresTheApiKeyHeaderAndBearerSchemes()
    {
        var document = await ClientFrom(SecuredWebFactory.ApiKey).GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var apiKey = schemes.GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"),
            (apiKey.GetProperty("type").GetString(), apiKey.GetProperty("in").GetString(), apiKey.GetProperty("name").GetString()));
        var bearer = schemes.GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        var requirements = document.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToArray();
        Assert.Contains("ApiKey", requirements);
        Assert.Contains("Bearer", requirements);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/health")]
    [InlineData("/api/jobs/abc")]
    [InlineData("/openapi/v1.json")]
    public async Task EveryResponse_HasNosniffNoReferrerAndTheStrictPolicy(string path)
    {
        var response = await ClientFrom().GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public async Task Page_HasNoInlineScriptOrStyle_ThatItsPolicyWouldBlock()
    {
        var html = await ClientFrom().GetStringAsync("/");

        Assert.DoesNotMatch(new Regex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<style\b|\sstyle=|\son[a-z]+=|javascript:", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public async Task Scalar_HasAPolicyOfItsOwn()
    {
        var response = await ClientFrom(SecuredWebFactory.ApiKey).GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
