using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp;

/// <summary>The JSON conventions of every wire format (REST, SignalR, SSE, webhooks), used by the server and the client
/// alike: camelCase names, enums as lowercase strings (numbers refused), nulls written out.</summary>
public static class JsonDefaults
{
    /// <summary>Ready-made, read-only options with these conventions.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Sets <paramref name="options"/> up with these conventions (for options a framework owns, such as
    /// ASP.NET Core's or SignalR's).</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }

    private static JsonSerializerOptions Create()
    {
        var options = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
