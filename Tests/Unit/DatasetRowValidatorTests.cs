using System.Text.Json;
using OrleansNlp.Datasets;
using OrleansNlp.Llm;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Rows checked against a dataset's fields, the response schema built from them, and answers parsed.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class DatasetRowValidatorTests
{
    private static readonly DatasetSchema Schema = DatasetSchema.Parse(JsonSerializer.Serialize(DatasetRequests.SixFields, JsonDefaults.Options));

    [Fact]
    public void A_valid_row_is_written_with_exactly_the_fields_in_order_and_enums_spelled_as_declared()
    {
        var (row, errors) = DatasetRowValidator.Validate(
            """{"scale":"Pilot","extra":1,"organic":false,"name":" Drip ","technology_id":"t-1","adoption_year":1990.0,"crops":["a"],"first_reported":"2020-02-29"}""",
            Schema);

        Assert.Empty(errors);
        Assert.Equal(
            """{"technology_id":"t-1","name":"Drip","adoption_year":1990,"cost_per_acre":null,"organic":false,"first_reported":"2020-02-29","crops":["a"],"scale":"pilot"}""",
            row);
    }

    [Theory]
    [InlineData("""{"name":"n","organic":true,"scale":"lab"}""", "technology_id: required")]
    [InlineData("""{"technology_id":"  ","name":"n","organic":true,"scale":"lab"}""", "technology_id: required")]
    [InlineData("""{"technology_id":"t","name":"n","organic":"yes","scale":"lab"}""", "organic: expected true or false")]
    [InlineData("""{"technology_id":"t","name":"n","organic":true,"scale":"lab","adoption_year":1990.5}""", "adoption_year: expected an integer")]
    [InlineData("""{"technology_id":"t","name":"n","organic":true,"scale":"lab","cost_per_acre":"cheap"}""", "cost_per_acre: expected a number")]
    [InlineData("""{"technology_id":"t","name":"n","organic":true,"scale":"lab","first_reported":"2020-02-30"}""", "first_reported: expected a date")]
    [InlineData("""{"technology_id":"t","name":"n","organic":true,"scale":"lab","crops":["a",1]}""", "crops: expected an array of strings")]
    [InlineData("""{"technology_id":"t","name":"n","organic":true,"scale":"orbital"}""", "scale: expected one of lab, pilot, commercial")]
    [InlineData("""{"technology_id":5,"name":"n","organic":true,"scale":"lab"}""", "technology_id: expected a string")]
    [InlineData("""["not","an","object"]""", "not an object")]
    [InlineData("""{"broken""", "not JSON")]
    public void An_invalid_row_is_refused_naming_what_is_wrong(string row, string error)
    {
        var (normal, errors) = DatasetRowValidator.Validate(row, Schema);

        Assert.Null(normal);
        Assert.Contains(errors, message => message.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_wrong_field_of_a_row_is_reported()
    {
        var (_, errors) = DatasetRowValidator.Validate("""{"technology_id":"t","organic":1,"scale":"x"}""", Schema);

        Assert.Equal(new[] { "name", "organic", "scale" }, errors.Select(error => error.Split(':')[0]));
    }

    [Fact]
    public void The_key_is_the_first_required_field_compared_trimmed_and_ignoring_case()
    {
        var first = DatasetRowValidator.Validate("""{"technology_id":"Drip-1","name":"a","organic":true,"scale":"lab"}""", Schema).Row!;
        var second = DatasetRowValidator.Validate("""{"technology_id":" drip-1 ","name":"b","organic":true,"scale":"lab"}""", Schema).Row!;

        Assert.Equal("technology_id", Schema.KeyField);
        Assert.Equal(DatasetRowValidator.KeyOf(first, Schema), DatasetRowValidator.KeyOf(second, Schema));
    }

    [Fact]
    public void The_response_schema_is_strict_every_field_required_and_optional_ones_nullable()
    {
        var rows = Schema.ResponseSchema.GetProperty("properties").GetProperty("rows");
        var item = rows.GetProperty("items");

        Assert.Equal("array", rows.GetProperty("type").GetString());
        Assert.False(item.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(8, item.GetProperty("required").GetArrayLength());
        var properties = item.GetProperty("properties");
        Assert.Equal("string", properties.GetProperty("technology_id").GetProperty("type").GetString());
        Assert.Equal("[\"integer\",\"null\"]", properties.GetProperty("adoption_year").GetProperty("type").GetRawText());
        Assert.Equal("[\"lab\",\"pilot\",\"commercial\"]", properties.GetProperty("scale").GetProperty("enum").GetRawText());
        Assert.Equal("string", properties.GetProperty("crops").GetProperty("items").GetProperty("type").GetString());
        Assert.Contains("yyyy-MM-dd", properties.GetProperty("first_reported").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("""{"rows":[{"a":1},{"a":2}]}""", 2)]
    [InlineData("""[{"a":1}]""", 1)]
    [InlineData("```json\n{\"rows\":[{\"a\":1}]}\n```", 1)]
    public void An_answer_gives_its_rows(string answer, int count)
    {
        Assert.Equal(count, DatasetAnswer.Parse(answer).Length);
    }

    [Theory]
    [InlineData("Here are your rows!")]
    [InlineData("""{"data":[]}""")]
    public void A_malformed_answer_is_a_transient_provider_failure(string answer)
    {
        var failure = Assert.Throws<LlmProviderException>(() => DatasetAnswer.Parse(answer));

        Assert.True(failure.IsTransient);
    }
}
