using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp.Client;

/// <summary>The server's JSON conventions: camelCase names, enums as lowercase strings, nulls left out of requests.</summary>
public static class OrleansNlpJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Sets <paramref name="options"/> up like <see cref="Options"/> (for the SignalR payloads).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    private static JsonSerializerOptions Create()
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
