using YamlDotNet.RepresentationModel;

namespace OrleansNlp.Tests.Infrastructure.Deployment;

/// <summary>Null-tolerant navigation of YamlDotNet's representation model: a missing key gives null or nothing.</summary>
public static class YamlNodes
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode? Map(this YamlNode? node, string key) => node.Get(key) as YamlMappingNode;

    public static IEnumerable<YamlMappingNode> Maps(this YamlNode? node, string key) =>
        node.Get(key) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlMappingNode>() : [];

    public static IEnumerable<string> Strings(this YamlNode? node, string key) =>
        node.Get(key) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? "") : [];

    public static string? Str(this YamlNode? node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    /// <summary>A mapping of scalars (labels, a selector, a ConfigMap's data, a compose environment).</summary>
    public static IReadOnlyDictionary<string, string> Pairs(this YamlNode? node, string key) =>
        node.Map(key) is { } map
            ? map.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (pair.Value as YamlScalarNode)?.Value ?? "")
            : new Dictionary<string, string>();
}
