using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace OrleansNlp.Tests.Infrastructure.Deployment;

/// <summary>A container's environment as its process would see it: the ConfigMaps of <c>envFrom</c>, then the
/// <c>env</c> entries in order, with Kubernetes' <c>$(NAME)</c> expansion of earlier variables. Values taken from
/// Secrets and from the pod (downward API) are placeholders.</summary>
public static partial class ContainerEnvironment
{
    public const string SecretPlaceholder = "value-from-a-secret";
    public const string PodFieldPlaceholder = "value-from-the-pod";

    [GeneratedRegex(@"(?<!\$)\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Expansion();

    public static IEnumerable<string> ReferencedNames(string value) =>
        Expansion().Matches(value).Select(match => match.Groups["name"].Value);

    public static IReadOnlyDictionary<string, string> ConfigMapVariables(YamlMappingNode container, ManifestSet manifests) =>
        container.Maps("envFrom")
            .Select(source => source.Map("configMapRef").Str("name"))
            .OfType<string>()
            .SelectMany(name => manifests.ConfigMapData(name) ?? throw new InvalidOperationException($"envFrom names ConfigMap {name}, which is not defined"))
            .ToDictionary(pair => pair.Key, pair => pair.Value);

    /// <summary>Names used only inside other values (<c>$(REDIS_PASSWORD)</c>): helpers, not settings of the process.</summary>
    public static IReadOnlySet<string> HelperNames(YamlMappingNode container) =>
        container.Maps("env").Select(entry => entry.Str("value")).OfType<string>().SelectMany(ReferencedNames).ToHashSet();

    public static IReadOnlyDictionary<string, string> Resolve(YamlMappingNode container, ManifestSet manifests)
    {
        var variables = new Dictionary<string, string>(ConfigMapVariables(container, manifests));
        foreach (var entry in container.Maps("env"))
        {
            var name = entry.Str("name")!;
            variables[name] = entry.Map("valueFrom") switch
            {
                null => Expansion().Replace(entry.Str("value") ?? "", match =>
                    variables.TryGetValue(match.Groups["name"].Value, out var earlier) ? earlier : match.Value),
                var from when from.Map("secretKeyRef") is not null => SecretPlaceholder,
                var from when from.Map("fieldRef") is not null => PodFieldPlaceholder,
                var from when from.Map("configMapKeyRef") is { } reference =>
                    manifests.ConfigMapData(reference.Str("name")!)?.GetValueOrDefault(reference.Str("key")!) ?? "",
                _ => "",
            };
        }

        return variables;
    }
}
