using OrleansNlp.Tests.Infrastructure;
using System.Text.Json;
using OrleansNlp.Models;

namespace OrleansNlp.Tests;

/// <summary>A job stored with a lone surrogate in its metadata (before submit refused them) still serialises.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class MetadataJsonTests
{
    [Theory]
    [InlineData("""{"k":"\ud800"}""", "{\"k\":\"\\uFFFD\"}")]
    [InlineData("""{"k":"a\udc00b"}""", "{\"k\":\"a\\uFFFDb\"}")]
    [InlineData("""{"\ud800":1}""", "{\"\\uFFFD\":1}")]
    [InlineData("""{"pair":"\ud83d\ude00"}""", "{\"pair\":\"\\uD83D\\uDE00\"}")]
    [InlineData("""{"literal":"\\ud800"}""", "{\"literal\":\"\\\\ud800\"}")]
    public void Parse_StoredMetadata_AlwaysSerialises(string stored, string expected)
    {
        var element = MetadataJson.Parse(stored);

        Assert.Equal(expected, JsonSerializer.Serialize(element));
    }

    [Fact]
    public void Parse_Null_IsNull() => Assert.Null(MetadataJson.Parse(null));
}
