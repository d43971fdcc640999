using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp;

/// <summary>The JSON conventions of every wire format (REST, SignalR, SSE, webhooks): camelCase, enums as lowercase strings.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }
}
