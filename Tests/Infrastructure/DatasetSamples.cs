using System.Globalization;
using System.Text.Json;
using OrleansNlp.Contracts;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A dataset schema with every field type, and the check that a generated row fits a schema.</summary>
public static class DatasetSamples
{
    public static readonly string[] CostValues = ["low", "medium", "high"];

    /// <summary>Six fields: an identifying string, an int, a float, a bool, a list of strings and an enum.</summary>
    public static IReadOnlyList<DatasetField> TreatmentFields { get; } =
    [
        new("technology_id", DatasetFieldTypes.Str, "A short unique identifier of the technology", Required: true),
        new("year_introduced", DatasetFieldTypes.Int, "The year it was first used on farms"),
        new("removal_rate", DatasetFieldTypes.Float, "Fraction of contaminants removed, 0 to 1"),
        new("organic_approved", DatasetFieldTypes.Bool, "Whether organic certification allows it"),
        new("crops", DatasetFieldTypes.ListOfStr, "Specialty crops it is used for"),
        new("cost", DatasetFieldTypes.Enum, "Relative cost", Required: true, Values: CostValues),
    ];

    public static SubmitDatasetRequest Request(int rows, string name, string? clientId = null) => new(
        $"water treatment technologies used in specialty crop production {Guid.NewGuid():N}", rows, name, TreatmentFields, clientId);

    /// <summary>Asserts that <paramref name="row"/> is an object whose values have the fields' types, with every
    /// required field present and every enum value allowed.</summary>
    public static void AssertFits(JsonElement row, IReadOnlyList<DatasetField> fields)
    {
        Assert.Equal(JsonValueKind.Object, row.ValueKind);
        foreach (var field in fields)
        {
            var present = row.TryGetProperty(field.Name!, out var value) && value.ValueKind != JsonValueKind.Null;
            if (!present)
            {
                Assert.False(field.Required, $"The required field {field.Name} is missing from {row}.");
                continue;
            }

            var fits = field.Type switch
            {
                DatasetFieldTypes.Str => value.ValueKind == JsonValueKind.String,
                DatasetFieldTypes.Int => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
                DatasetFieldTypes.Float => value.ValueKind == JsonValueKind.Number,
                DatasetFieldTypes.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                DatasetFieldTypes.Date => value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                DatasetFieldTypes.ListOfStr => value.ValueKind == JsonValueKind.Array
                    && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String),
                DatasetFieldTypes.Enum => value.ValueKind == JsonValueKind.String && field.Values!.Contains(value.GetString()),
                _ => false,
            };
            Assert.True(fits, $"{field.Name} = {value.GetRawText()} does not fit {field.Type} in {row}.");
        }
    }
}
