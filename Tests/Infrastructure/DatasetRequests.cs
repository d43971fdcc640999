using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Dataset submissions for tests: the six-type schema of the example and a submit helper.</summary>
public static class DatasetRequests
{
    /// <summary>One field of each kind; technology_id (the first required field) identifies a row.</summary>
    public static readonly object[] SixFields =
    [
        new { name = "technology_id", type = "str", description = "A short unique identifier", required = true },
        new { name = "name", type = "str", description = "The technology's name", required = true },
        new { name = "adoption_year", type = "int", description = "Year of first use", required = false },
        new { name = "cost_per_acre", type = "float", required = false },
        new { name = "organic", type = "bool", required = true },
        new { name = "first_reported", type = "date", required = false },
        new { name = "crops", type = "list[str]", required = false },
        new { name = "scale", type = "enum", values = new[] { "lab", "pilot", "commercial" }, required = true },
    ];

    public static object Body(string query, int rows, object[]? fields = null, string name = "TreatmentTechnologies", string? clientId = null) =>
        clientId is null
            ? new { query, rows, name, fields = fields ?? SixFields }
            : new { query, rows, name, fields = fields ?? SixFields, clientId };

    /// <summary>Submits and returns the job id (asserting 202 and the Location).</summary>
    public static async Task<string> SubmitDatasetAsync(this HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/api/datasets", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {text}");
        var jobId = JsonDocument.Parse(text).RootElement.GetProperty("jobId").GetString()!;
        Assert.Equal($"/api/jobs/{jobId}", response.Headers.Location!.OriginalString);
        return jobId;
    }

    public static JsonElement[] Rows(this JsonElement job) => job.GetProperty("result").GetProperty("rows").EnumerateArray().ToArray();
}
