using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>A bad batch is refused whole, with a problem naming the field, and the index of a bad text.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class BatchesApiInputTests(EmbeddedWebFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Theory]
    [InlineData("""{"texts":[]}""", "texts")]
    [InlineData("""{"texts":"one string"}""", "texts")]
    [InlineData("""{"text":"a job, not a batch"}""", "texts")]
    [InlineData("""{"texts":["fine","fine","fine","   "]}""", "texts[3]")]
    [InlineData("""{"texts":["fine","fine","fine",null]}""", "texts[3]")]
    [InlineData("""{"texts":["fine","fine",5]}""", "texts[2]")]
    [InlineData("""{"texts":["fine","\ud800"]}""", "texts[1]")]
    [InlineData("""{"texts":["fine"],"metadata":[1,2]}""", "metadata")]
    [InlineData("""{"texts":["fine"],"metadata":{"k":"\ud800"}}""", "metadata.k")]
    [InlineData("""{"texts":["fine"],"priority":"urgent"}""", "priority")]
    [InlineData("""{"texts":["fine"],"priority":"high,low"}""", "priority")]
    [InlineData("""{"texts":["fine"],"callbackUrl":"http://not-allowed.example/hook"}""", "callbackUrl")]
    [InlineData("{\"texts\":[\"fine\"", "body")]
    public async Task Post_BadBatch_Is400NamingTheField(string body, string field)
    {
        await AssertProblemAsync(await _http.PostRawAsync("/api/batches", Encoding.UTF8.GetBytes(body)), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Post_MoreTextsThanTheLimit_Is400NamingTexts()
    {
        var texts = Enumerable.Range(0, 1001).Select(i => $"text {i}").ToArray();

        var problem = await AssertProblemAsync(await _http.PostAsJsonAsync("/api/batches", new { texts }), HttpStatusCode.BadRequest, "texts");

        Assert.Contains("1001", problem.GetProperty("errors").GetProperty("texts")[0].GetString());
    }

    [Fact]
    public async Task Post_ATextOverTheLimit_Is413NamingItsIndex()
    {
        var texts = new[] { "fine", new string('a', 1024 * 1024 + 1) };

        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/batches", new { texts }), HttpStatusCode.RequestEntityTooLarge, "texts[1]");
    }

    [Fact]
    public async Task Post_NotJson_Is415()
    {
        await AssertProblemAsync(await _http.PostRawAsync("/api/batches", "texts=a"u8.ToArray(), "application/x-www-form-urlencoded"),
            HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ABadTextAtIndexThree_RefusesTheWholeBatch_NoJobIsCreated()
    {
        var marker = Guid.NewGuid().ToString("N");
        var texts = new[] { $"{marker} one.", $"{marker} two.", $"{marker} three.", " ", $"{marker} five." };

        var response = await _http.PostAsJsonAsync("/api/batches", new { texts });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "texts[3]");
        var pending = await _http.GetFromJsonAsync<JsonElement>("/api/jobs?status=pending&limit=100");
        var completed = await _http.GetFromJsonAsync<JsonElement>("/api/jobs?status=completed&limit=100");
        Assert.Equal(0, FaultInjection.CallsFor("embed", marker));
        Assert.DoesNotContain(marker, pending.ToString() + completed.ToString());
    }
}
