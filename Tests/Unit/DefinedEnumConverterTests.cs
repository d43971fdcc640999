using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Jobs;

namespace OrleansNlp.Tests;

/// <summary>How a request's enum values are read: one member's name only (the API tests check the 400s it leads to).</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class DefinedEnumConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new DefinedEnumConverter(JsonNamingPolicy.CamelCase) } };

    [Theory]
    [InlineData("\"high,low\"")]
    [InlineData("\"normal, high\"")]
    [InlineData("\"low\\u002chigh\"")]
    [InlineData("1")]
    [InlineData("\"urgent\"")]
    public void AValueThatIsNotOneMembersName_IsRefused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<JobPriority>(json, Options));
        var key = json.StartsWith('"') ? json : $"\"{json}\"";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<JobPriority, int>>($"{{{key}:1}}", Options));
    }

    [Fact]
    public void MembersRoundTripByTheirNames()
    {
        Assert.Equal("\"schema_preparation\"", JsonSerializer.Serialize(JobStage.SchemaPreparation, Options));
        Assert.Equal(JobStage.SchemaPreparation, JsonSerializer.Deserialize<JobStage>("\"schema_preparation\"", Options));
        Assert.Equal(JobPriority.High, JsonSerializer.Deserialize<JobPriority>("\"high\"", Options));
        Assert.Equal(JobPriority.Low, JsonSerializer.Deserialize<Dictionary<JobPriority, int>>("""{"low":1}""", Options)!.Keys.Single());
    }
}
