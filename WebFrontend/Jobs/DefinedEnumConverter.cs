using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>Enums read from a request: one member's name (by a naming policy), numbers refused. The built-in converter
/// reads <c>"high,low"</c> as <c>High | Low</c> for any enum, flags or not: a value no member has, which a job would
/// store and then fail to write back in every answer.</summary>
public sealed class DefinedEnumConverter(JsonNamingPolicy namingPolicy) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(namingPolicy, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Defined<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options))!;

    private sealed class Defined<T>(JsonConverter<T> names) : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Check(names.Read(ref reader, typeToConvert, options), ref reader);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => names.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Check(names.ReadAsPropertyName(ref reader, typeToConvert, options), ref reader);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            names.WriteAsPropertyName(writer, value, options);

        // One name only ("normal,high" reads as High, a member); no message: the serializer then says which type could
        // not be read, and where.
        private static T Check(T value, ref Utf8JsonReader reader) =>
            Enum.IsDefined(value) && !reader.GetString()!.Contains(',') ? value : throw new JsonException();
    }
}
