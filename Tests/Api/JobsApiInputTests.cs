using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Bad input never reaches a 500 or a hang: each case answers an RFC 7807 problem naming the field.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class JobsApiInputTests(EmbeddedWebFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Theory]
    [InlineData("""{"text":"   "}""", "text")]
    [InlineData("""{"instruction":"no text"}""", "text")]
    [InlineData("""{"text":5}""", "text")]
    [InlineData("""{"text":"fine","instruction":["not","a","string"]}""", "instruction")]
    [InlineData("""{"text":"fine","metadata":[1,2]}""", "metadata")]
    [InlineData("""{"text":"fine","metadata":{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}}""", "metadata")]
    [InlineData("""{"text":"fine","priority":"urgent"}""", "priority")]
    [InlineData("""{"text":"fine","priority":7}""", "priority")]
    [InlineData("""{"text":"fine","priority":"high,low"}""", "priority")]
    [InlineData("""{"text":"fine","priority":"normal, high"}""", "priority")]
    [InlineData("""{"text":"unterminated""", "body")]
    [InlineData("""not json at all""", "body")]
    [InlineData("""null""", "body")]
    [InlineData("""{"text":"twice","text":"again"}""", "text")]
    [InlineData("""{"text":"fine","metadata":{"k":1,"k":2}}""", "metadata")]
    [InlineData("""{"text":"fine","metadata":{"k":"\ud800"}}""", "metadata.k")]
    [InlineData("""{"text":"fine","metadata":{"list":["ok","\udc00x"]}}""", "metadata.list[1]")]
    [InlineData("""{"text":"fine","metadata":{"\ud800":"key"}}""", "metadata")]
    public async Task Post_InvalidBody_Is400ProblemNamingTheField(string body, string field)
    {
        await AssertProblemAsync(await _http.PostRawAsync("/api/jobs", Encoding.UTF8.GetBytes(body)), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Post_InvalidUtf8_Is400()
    {
        byte[] body = [.. """{"text":"caf"""u8, 0xC3, 0x28, .. "\"}"u8];

        await AssertProblemAsync(await _http.PostRawAsync("/api/jobs", body), HttpStatusCode.BadRequest, "text");
    }

    [Fact]
    public async Task Post_WithAUtf8ByteOrderMark_IsAccepted()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($$"""{"text":"A body saved by PowerShell {{Guid.NewGuid():N}}."}""")];

        var response = await _http.PostRawAsync("/api/jobs", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_TextOverTheLimit_Is413()
    {
        var text = new string('a', 1024 * 1024 + 1);

        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/jobs", new { text }), HttpStatusCode.RequestEntityTooLarge, "text");
    }

    [Fact]
    public async Task Post_BodyFarOverTheLimit_Is413WithoutReadingItAll()
    {
        await AssertProblemAsync(await _http.PostRawAsync("/api/jobs", new byte[3 * 1024 * 1024]), HttpStatusCode.RequestEntityTooLarge, "text");
    }

    [Fact]
    public async Task Post_InstructionTooLong_Is400()
    {
        var response = await _http.PostAsJsonAsync("/api/jobs", new { text = "fine", instruction = new string('x', 2001) });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "instruction");
    }

    [Fact]
    public async Task Post_MetadataTooLarge_Is400()
    {
        var response = await _http.PostAsJsonAsync("/api/jobs", new { text = "fine", metadata = new { blob = new string('m', 20_000) } });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "metadata");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_UnknownContentType_Is415(string contentType)
    {
        await AssertProblemAsync(await _http.PostRawAsync("/api/jobs", """{"text":"fine"}"""u8.ToArray(), contentType), HttpStatusCode.UnsupportedMediaType, null);
    }

    [Theory]
    [InlineData("bad%20id")]
    [InlineData("semi;colon")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task JobIdWithBadCharactersOrTooLong_Is400OnEveryRoute(string jobId)
    {
        await AssertProblemAsync(await _http.GetAsync($"/api/jobs/{jobId}"), HttpStatusCode.BadRequest, "jobId");
        await AssertProblemAsync(await _http.DeleteAsync($"/api/jobs/{jobId}"), HttpStatusCode.BadRequest, "jobId");
        await AssertProblemAsync(await _http.PostAsync($"/api/jobs/{jobId}/retry", null), HttpStatusCode.BadRequest, "jobId");
    }

    [Fact]
    public async Task List_WithoutAValidStatusOrLimit_Is400()
    {
        await AssertProblemAsync(await _http.GetAsync("/api/jobs"), HttpStatusCode.BadRequest, "status");
        await AssertProblemAsync(await _http.GetAsync("/api/jobs?status=exploded"), HttpStatusCode.BadRequest, "status");
        await AssertProblemAsync(await _http.GetAsync("/api/jobs?status=failed&limit=0"), HttpStatusCode.BadRequest, "limit");
        await AssertProblemAsync(await _http.GetAsync("/api/jobs?status=failed&limit=abc"), HttpStatusCode.BadRequest, null);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("63871234")]
    [InlineData(".abc")]
    [InlineData("-5.abc")]
    public async Task List_WithACursorNoPageGave_Is400_NotTheFirstPageAgain(string cursor)
    {
        await AssertProblemAsync(await _http.GetAsync($"/api/jobs?status=failed&cursor={Uri.EscapeDataString(cursor)}"), HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task IdempotencyKey_SameRequestReturnsTheSameJob_DifferentRequestIs422()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Submit(string text)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { text }) };
            request.Headers.Add("Idempotency-Key", key);
            return await _http.SendAsync(request);
        }

        var first = await Submit("Exactly one job for this submission.");
        var repeat = await Submit("Exactly one job for this submission.");
        var different = await Submit("A different body with the same key.");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var firstId = await first.ReadJobIdAsync();
        Assert.Equal(firstId, await repeat.ReadJobIdAsync());
        await AssertProblemAsync(different, HttpStatusCode.UnprocessableEntity, null);

        var job = await _http.WaitForJobAsync(firstId, j => j.Status() == "completed", "the job to complete");
        Assert.Equal(1, job.GetProperty("attempts").GetProperty("embedding").GetInt32());
    }

    [Fact]
    public async Task Post_LoneSurrogateInMetadata_Is400AndStoresNothing_ListsStayValid()
    {
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Submit(string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var poison = await _http.SendAsync(Submit("""{"text":"poison","metadata":{"k":"\ud800"}}"""));
        await AssertProblemAsync(poison, HttpStatusCode.BadRequest, "metadata.k");

        // Nothing was stored under the key: the same key with a valid body creates the job now.
        var valid = await _http.SendAsync(Submit("""{"text":"poison","metadata":{"k":"fine"}}"""));
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
        var list = await _http.GetAsync("/api/jobs?status=completed&limit=100");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await list.ReadJsonAsync()).GetProperty("items").ValueKind);
    }

    [Theory]
    [InlineData("pending,cancelled")]
    [InlineData("completed,")]
    public async Task List_WithSeveralStatuses_Is400(string status)
    {
        await AssertProblemAsync(await _http.GetAsync($"/api/jobs?status={status}"), HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task IdempotencyKey_Malformed_Is400NamingTheHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { text = "fine" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 300));

        await AssertProblemAsync(await _http.SendAsync(request), HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Theory]
    [InlineData("""{"text":123}""")]
    [InlineData("""{"text":true}""")]
    [InlineData("""{"text":["a"]}""")]
    [InlineData("""{"text":{"a":1}}""")]
    [InlineData("""{"text":"fine","instruction":7}""")]
    public async Task Post_AFieldOfTheWrongType_SaysWrongType_NotUtf8(string body)
    {
        var problem = await AssertProblemAsync(await _http.PostRawAsync("/api/jobs", Encoding.UTF8.GetBytes(body)), HttpStatusCode.BadRequest, null);

        var message = problem.GetProperty("errors").EnumerateObject().Single().Value[0].GetString()!;
        Assert.DoesNotContain("UTF-8", message);
        Assert.Contains("string", message);
    }

    [Fact]
    public async Task Post_LoneSurrogateInText_Is400SayingSo()
    {
        var problem = await AssertProblemAsync(await _http.PostRawAsync("/api/jobs", """{"text":"a\ud800b"}"""u8.ToArray()), HttpStatusCode.BadRequest, "text");

        Assert.Contains("surrogate", problem.GetProperty("errors").GetProperty("text")[0].GetString());
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData("\u0000")]
    [InlineData("\u0000\u0001\u001F\u007F")]
    [InlineData(" \u200B\t\u0000\n\uFEFF ")]
    public async Task Post_TextOfOnlyInvisibleOrControlCharacters_Is400NamingText(string text)
    {
        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/jobs", new { text }), HttpStatusCode.BadRequest, "text");
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=\"utf-32\"")]
    public async Task Post_ACharsetOtherThanUtf8_Is415(string contentType)
    {
        await AssertProblemAsync(await _http.PostRawAsync("/api/jobs", Encoding.Unicode.GetBytes("""{"text":"fine"}"""), contentType),
            HttpStatusCode.UnsupportedMediaType, null);
    }

    [Theory]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task Post_Utf8CharsetInAnyCase_IsAccepted(string contentType)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostRawAsync("/api/jobs", """{"text":"A charset that says utf-8."}"""u8.ToArray(), contentType)).StatusCode);
    }

    [Fact]
    public async Task Post_CallbackUrlOverTwoKilobytes_Is400NamingIt()
    {
        var callbackUrl = "http://127.0.0.1/" + new string('a', 2048);

        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/jobs", new { text = "fine", callbackUrl }), HttpStatusCode.BadRequest, "callbackUrl");
    }

    [Theory]
    [InlineData("k1", "k2")]
    [InlineData("k1", "k1")]
    [InlineData("k1,k2", null)]
    public async Task IdempotencyKey_Repeated_Is400NamingTheHeader(string first, string? second)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { text = "fine" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", second is null ? [first] : [first, second]);

        await AssertProblemAsync(await _http.SendAsync(request), HttpStatusCode.BadRequest, "Idempotency-Key");
    }
}
