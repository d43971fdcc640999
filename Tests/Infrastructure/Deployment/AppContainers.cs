using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace OrleansNlp.Tests.Infrastructure.Deployment;

/// <summary>The containers that run this repository's images, with the role each plays and the Dockerfile that builds
/// it.</summary>
public static partial class AppContainers
{
    public const string SiloImage = "orleans-nlp-silo";
    public const string FrontendImage = "orleans-nlp-webfrontend";

    public sealed record AppContainer(Manifest Workload, YamlMappingNode Container, KnownSettings.Role Role)
    {
        public string Dockerfile => Path.Combine(ScriptRunner.RepositoryRoot, Role == KnownSettings.Role.Silo ? "Silo" : "WebFrontend", "Dockerfile");

        public override string ToString() => $"{Workload} container {Container.Str("name")}";
    }

    [GeneratedRegex(@"^ENV\s+Urls=(?<urls>\S+)", RegexOptions.Multiline)]
    private static partial Regex DockerfileUrls();

    [GeneratedRegex(@":(?<port>\d+)/?$")]
    private static partial Regex UrlPort();

    public static IReadOnlyList<AppContainer> In(ManifestSet manifests) =>
        manifests.Workloads
            .SelectMany(workload => workload.Containers.Select(container => (workload, container, image: container.Str("image") ?? "")))
            .Where(item => item.image.StartsWith(SiloImage, StringComparison.Ordinal) || item.image.StartsWith(FrontendImage, StringComparison.Ordinal))
            .Select(item => new AppContainer(item.workload, item.container,
                item.image.StartsWith(SiloImage, StringComparison.Ordinal) ? KnownSettings.Role.Silo : KnownSettings.Role.Frontend))
            .ToList();

    /// <summary>The <c>Urls</c> the image sets for itself (its Dockerfile's ENV).</summary>
    public static string DockerfileUrlsOf(string dockerfile) =>
        DockerfileUrls().Match(File.ReadAllText(dockerfile)) is { Success: true } match
            ? match.Groups["urls"].Value
            : throw new InvalidOperationException($"{dockerfile} sets no Urls");

    public static int PortOf(string urls) =>
        UrlPort().Match(urls) is { Success: true } match
            ? int.Parse(match.Groups["port"].Value)
            : throw new InvalidOperationException($"No port in Urls '{urls}'");
}
