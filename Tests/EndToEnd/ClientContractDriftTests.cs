using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using OrleansNlp.Client;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>
/// Guards against the client drifting from the server: whatever the real frontend sends (a job with every optional
/// part filled in, a list page, a webhook body, a progress event) must have a property to land in on the
/// OrleansNlp.Contracts type the client deserialises into, and must reach the client's object with its value.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class ClientContractDriftTests(EmbeddedWebFactory factory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = factory.CreateClient();
    private readonly OrleansNlpClient _client = factory.CreateNlpClient();

    [Fact]
    public async Task EverythingTheServerSends_HasAPropertyOnTheContract_AndReachesTheClient()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0, factory.WebhookPort);
        // Digits are not words: they make the text new to the result cache without changing its analysis.
        var text = $"Contracts keep clients honest. Honest clients read contracts. {Random.Shared.NextInt64()}";
        const string instruction = "What keeps clients honest?";
        var submitted = await _client.SubmitAsync(text, instruction,
            metadata: new { customer = "acme", tags = new[] { "a", "b" }, nested = new { depth = 2, ratio = 0.5 } },
            priority: JobPriority.Low, callbackUrl: receiver.Url.ToString());
        await Wait.UntilAsync(() => _client.GetAsync(submitted.JobId), job => job!.Webhook?.DeliveredAt is not null, Patience,
            "the job to complete and its webhook to be delivered");

        var raw = await _http.GetStringAsync($"/api/jobs/{submitted.JobId}?include=vector");
        var job = (await _client.GetAsync(submitted.JobId, includeVector: true))!;

        AssertEveryPropertyHasAHome(raw, typeof(JobResponse));
        // Written back with the same conventions, the client's object is the server's JSON: no value was dropped.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(raw), JsonSerializer.SerializeToNode(job, JsonDefaults.Options)),
            $"The client's job differs from what the server sent.\nServer: {raw}\nClient: {JsonSerializer.Serialize(job, JsonDefaults.Options)}");
        Assert.Equal((JobStatus.Completed, JobStage.Done, JobPriority.Low), (job.Status, job.Stage, job.Priority));
        Assert.True(job.Version > 0);
        Assert.False(job.Result!.Cached);
        Assert.Equal(job.Result.Embedding!.Dimensions, job.Result.Embedding.Vector!.Length);
        Assert.Equal(receiver.Url.ToString(), job.Webhook!.CallbackUrl);
        Assert.Equal(1, job.Webhook.Attempts);
        Assert.Equal(2, job.Metadata!.Value.GetProperty("nested").GetProperty("depth").GetInt32());

        var (_, webhookBody, _) = Assert.Single(receiver.Deliveries);
        AssertEveryPropertyHasAHome(webhookBody, typeof(JobResponse));

        var cached = await _client.SubmitAndWaitAsync(text, TimeSpan.FromMilliseconds(50), Patience, instruction);
        Assert.True(cached.Result!.Cached);

        AssertEveryPropertyHasAHome(await _http.GetStringAsync("/api/jobs?status=completed&limit=5"), typeof(JobListResponse));

        // A finished job's event stream is its final snapshot as one progress event.
        var events = await _http.GetStringAsync($"/api/jobs/{submitted.JobId}/events");
        var data = Assert.Single(events.Split('\n'), line => line.StartsWith("data: "))["data: ".Length..];
        AssertEveryPropertyHasAHome(data, typeof(JobProgress));
        var progress = JsonSerializer.Deserialize<JobProgress>(data, JsonDefaults.Options)!;
        Assert.Equal((submitted.JobId, JobStatus.Completed, job.Version), (progress.JobId, progress.Status, progress.Version));

        var rawStats = await _http.GetStringAsync("/api/stats");
        AssertEveryPropertyHasAHome(rawStats, typeof(StatsResponse));
        var stats = await _client.StatsAsync();
        Assert.Equal(StatsScope.Cluster, stats.Scope);
        Assert.Contains(stats.Silos!, silo => silo.Address == job.RanOn!.Llm);
    }

    [Fact]
    public async Task EverythingTheServerSendsAboutABatch_HasAPropertyOnTheContract_AndReachesTheClient()
    {
        var run = Random.Shared.NextInt64();
        var texts = new[] { $"Batches keep many texts together. {run}", $"Contracts name every field. {run}", $"[llm:fatal] Fails for good. {run}" };
        using var submitted = await _http.PostAsJsonAsync("/api/batches", new SubmitBatchRequest(texts, "What is kept?"), JsonDefaults.Options);
        var submitBody = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.IsSuccessStatusCode, submitBody);
        AssertEveryPropertyHasAHome(submitBody, typeof(SubmitBatchResponse));
        var batchId = JsonSerializer.Deserialize<SubmitBatchResponse>(submitBody, JsonDefaults.Options)!.BatchId;
        await _client.WaitBatchAsync(batchId, Patience);

        var raw = await _http.GetStringAsync($"/api/batches/{batchId}");
        var batch = (await _client.GetBatchAsync(batchId))!;

        AssertEveryPropertyHasAHome(raw, typeof(BatchResponse));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(raw), JsonSerializer.SerializeToNode(batch, JsonDefaults.Options)),
            $"The client's batch differs from what the server sent.\nServer: {raw}\nClient: {JsonSerializer.Serialize(batch, JsonDefaults.Options)}");
        Assert.Equal(new BatchCounts(0, 0, 2, 1, 0), batch.Counts);

        var page = await _http.GetStringAsync($"/api/batches/{batchId}/results?offset=0&limit=2");
        AssertEveryPropertyHasAHome(page, typeof(BatchResultsResponse));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(page),
            JsonSerializer.SerializeToNode(await _client.GetBatchResultsAsync(batchId, 0, 2), JsonDefaults.Options)), page);

        // A finished batch's event stream is its final snapshot as one progress event.
        var events = await _http.GetStringAsync($"/api/batches/{batchId}/events");
        var data = Assert.Single(events.Split('\n'), line => line.StartsWith("data: "))["data: ".Length..];
        AssertEveryPropertyHasAHome(data, typeof(BatchProgress));
        var progress = JsonSerializer.Deserialize<BatchProgress>(data, JsonDefaults.Options)!;
        Assert.Equal((batchId, BatchStatus.Completed, batch.Version, batch.Counts), (progress.BatchId, progress.Status, progress.Version, progress.Counts));
    }

    [Fact]
    public void TheCheck_FollowsDictionaryValues()
    {
        const string summary = """{"languages":{"en":{"unexpected":1}},"sentiment":{"positive":0,"neutral":0,"negative":0}}""";

        var missing = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertEveryPropertyHasAHome(summary, typeof(BatchSummary)));

        Assert.Contains("$.languages.en", missing.Message);
    }

    [Fact]
    public void TheCheck_FlagsAPropertyTheContractLacks()
    {
        const string job = """{"jobId":"j","status":"completed","attempts":{"embedding":1,"llm":1,"extra":0}}""";

        var missing = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertEveryPropertyHasAHome(job, typeof(JobResponse)));

        Assert.Contains("$.attempts.extra", missing.Message);
    }

    /// <summary>Walks the JSON and finds, for every property, the contract property System.Text.Json would fill
    /// (by its JSON name under the shared conventions), recursing into objects and arrays.</summary>
    private static void AssertEveryPropertyHasAHome(string json, Type contract)
    {
        using var document = JsonDocument.Parse(json);
        AssertCovered(document.RootElement, contract, "$");
    }

    private static void AssertCovered(JsonElement json, Type type, string path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonElement))
        {
            return; // Free-form JSON (metadata) is kept whole.
        }

        var info = JsonDefaults.Options.GetTypeInfo(type);
        switch (json.ValueKind)
        {
            case JsonValueKind.Object when info.Kind == JsonTypeInfoKind.Dictionary:
                // Keys are data (language codes): every value must fit the dictionary's value type.
                foreach (var property in json.EnumerateObject())
                {
                    AssertCovered(property.Value, info.ElementType!, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Object:
                Assert.True(info.Kind == JsonTypeInfoKind.Object, $"{path} is an object, but {type.FullName} is not.");
                foreach (var property in json.EnumerateObject())
                {
                    var home = info.Properties.FirstOrDefault(candidate => candidate.Name == property.Name);
                    Assert.True(home is not null, $"The server sends {path}.{property.Name}, which {type.FullName} does not have.");
                    AssertCovered(property.Value, home.PropertyType, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.True(info.Kind == JsonTypeInfoKind.Enumerable, $"{path} is an array, but {type.FullName} is not a collection.");
                var index = 0;
                foreach (var item in json.EnumerateArray())
                {
                    AssertCovered(item, info.ElementType!, $"{path}[{index++}]");
                }

                break;
        }
    }
}
