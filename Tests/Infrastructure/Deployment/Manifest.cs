using YamlDotNet.RepresentationModel;

namespace OrleansNlp.Tests.Infrastructure.Deployment;

/// <summary>One Kubernetes object of a manifest file.</summary>
public sealed record Manifest(string File, YamlMappingNode Root)
{
    public string? Kind => Root.Str("kind");

    public string? Name => Root.Map("metadata").Str("name");

    public YamlMappingNode? Spec => Root.Map("spec");

    /// <summary>The pod template of a Deployment or StatefulSet.</summary>
    public YamlMappingNode? PodTemplate => Spec.Map("template");

    public IReadOnlyDictionary<string, string> PodLabels => PodTemplate.Map("metadata").Pairs("labels");

    public YamlMappingNode? PodSpec => PodTemplate.Map("spec");

    public IEnumerable<YamlMappingNode> Containers => PodSpec.Maps("containers");

    public bool IsWorkload => Kind is "Deployment" or "StatefulSet";

    public override string ToString() => $"{Kind} {Name} ({Path.GetFileName(File)})";
}
