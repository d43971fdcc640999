using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;
using static OrleansNlp.Tests.Infrastructure.HttpAssertions;

namespace OrleansNlp.Tests;

/// <summary>A bad dataset request is refused whole with a problem naming the field ("fields[2].type"); without a
/// generative provider (the default, extractive) a dataset job fails at once with a reason naming Llm__Provider.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class DatasetsApiInputTests(EmbeddedWebFactory factory)
{
    private const string Id = """{"name":"id","type":"str","required":true}""";

    private readonly HttpClient _http = factory.CreateClient();

    [Theory]
    [InlineData("""{"rows":5,"name":"T","fields":[#F]}""", "query")]
    [InlineData("""{"query":"   ","rows":5,"name":"T","fields":[#F]}""", "query")]
    [InlineData("""{"query":"q","name":"T","fields":[#F]}""", "rows")]
    [InlineData("""{"query":"q","rows":0,"name":"T","fields":[#F]}""", "rows")]
    [InlineData("""{"query":"q","rows":501,"name":"T","fields":[#F]}""", "rows")]
    [InlineData("""{"query":"q","rows":"five","name":"T","fields":[#F]}""", "rows")]
    [InlineData("""{"query":"q","rows":5,"fields":[#F]}""", "name")]
    [InlineData("""{"query":"q","rows":5,"name":"1abc","fields":[#F]}""", "name")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[]}""", "fields")]
    [InlineData("""{"query":"q","rows":5,"name":"T"}""", "fields")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F,null]}""", "fields[1]")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F,{"name":"a b","type":"str"}]}""", "fields[1].name")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F,{"name":"Id","type":"int"}]}""", "fields[1].name")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F,{"name":"a","type":"str"},{"name":"b","type":"decimal"}]}""", "fields[2].type")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F,{"name":"a"}]}""", "fields[1].type")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F,{"name":"a","type":"enum"}]}""", "fields[1].values")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F,{"name":"a","type":"enum","values":["x","X"]}]}""", "fields[1].values[1]")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F,{"name":"a","type":"str","values":["x"]}]}""", "fields[1].values")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F,{"name":"a","type":"bool","required":"yes"}]}""", "fields[1].required")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F],"metadata":[1]}""", "metadata")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F],"priority":"high,low"}""", "priority")]
    [InlineData("""{"query":"q","rows":5,"name":"T","fields":[#F]""", "body")]
    public async Task A_bad_dataset_request_is_400_naming_the_field(string body, string field)
    {
        await AssertProblemAsync(await _http.PostRawAsync("/api/datasets", Encoding.UTF8.GetBytes(body.Replace("#F", Id))), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("""{"query":"q","rows":true,"name":"T","fields":[#F]}""", "rows", "must be a number")]
    [InlineData("""{"query":5,"rows":5,"name":"T","fields":[#F]}""", "query", "must be a string")]
    public async Task A_value_of_the_wrong_type_is_named_with_the_type_it_must_have(string body, string field, string expected)
    {
        var problem = await AssertProblemAsync(
            await _http.PostRawAsync("/api/datasets", Encoding.UTF8.GetBytes(body.Replace("#F", Id))), HttpStatusCode.BadRequest, field);

        Assert.Contains(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task More_than_fifty_fields_is_400_naming_fields()
    {
        var fields = Enumerable.Range(0, 51).Select(i => new { name = $"f{i}", type = "str" }).ToArray();

        await AssertProblemAsync(await _http.PostAsJsonAsync("/api/datasets", new { query = "q", rows = 1, name = "T", fields }), HttpStatusCode.BadRequest, "fields");
    }

    [Theory]
    [InlineData("rows", "many", "rows")]
    [InlineData("field_definitions_json_str", "{not json", "field_definitions_json_str")]
    [InlineData("model_name", "", "name")]
    [InlineData("client_id", "lab 42/x", "client_id")]
    [InlineData("priority", "high,low", "priority")]
    [InlineData("priority", "urgent", "priority")]
    [InlineData("priority", "1", "priority")]
    [InlineData("metadata", "{not json", "metadata")]
    [InlineData("metadata", "[1]", "metadata")]
    [InlineData("callbackUrl", "ftp://example.com/hook", "callbackUrl")]
    public async Task A_bad_form_is_400_naming_the_field(string name, string value, string field)
    {
        var form = new Dictionary<string, string>
        {
            ["user_query"] = "q",
            ["rows"] = "3",
            ["model_name"] = "T",
            ["field_definitions_json_str"] = $"[{Id}]",
        };
        form[name] = value;

        await AssertProblemAsync(await _http.PostAsync("/api/datasets", new FormUrlEncodedContent(form)), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Without_a_generative_provider_the_dataset_job_fails_at_once_naming_Llm__Provider()
    {
        var jobId = await _http.SubmitDatasetAsync(DatasetRequests.Body($"no provider {Guid.NewGuid():N}", 3));

        var job = await _http.FinalJobAsync(jobId);

        Assert.Equal(("failed", "schema_preparation"), (job.Status(), job.GetProperty("stage").GetString()));
        Assert.Contains("Llm__Provider=openai", job.GetProperty("error").GetString());
        Assert.False(job.TryGetProperty("result", out var result) && result.ValueKind != JsonValueKind.Null);
    }
}
