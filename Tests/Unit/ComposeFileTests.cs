using OrleansNlp.Hosting;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Tests.Infrastructure.Deployment;
using YamlDotNet.RepresentationModel;

namespace OrleansNlp.Tests;

/// <summary>docker-compose.yml checked statically: every service's settings are ones its process reads, Redis needs a
/// password that every connection string carries, and silo and frontend get the settings the Kubernetes manifests give
/// them.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class ComposeFileTests
{
    /// <summary>Set in Kubernetes only: the pod variables of Orleans' Kubernetes hosting, the password helper that
    /// compose interpolates instead, and the ingress controller's network.</summary>
    private static readonly string[] KubernetesOnly =
        ["POD_NAME", "POD_NAMESPACE", "POD_IP", "REDIS_PASSWORD", "ForwardedHeaders__KnownNetworks__0"];

    private readonly YamlMappingNode _compose = YamlNodes.LoadDocuments(Path.Combine(ScriptRunner.RepositoryRoot, "docker-compose.yml")).Single();

    private IEnumerable<(string Name, KnownSettings.Role Role, IReadOnlyDictionary<string, string> Environment)> AppServices =>
        _compose.Map("services")!.Children
            .Select(pair => (name: ((YamlScalarNode)pair.Key).Value!, service: (YamlMappingNode)pair.Value))
            .Where(item => item.service.Map("build").Str("dockerfile") is not null)
            .Select(item => (item.name,
                item.service.Map("build").Str("dockerfile") == "Silo/Dockerfile" ? KnownSettings.Role.Silo : KnownSettings.Role.Frontend,
                item.service.Pairs("environment")));

    [Fact]
    public void TheSiloAndTheFrontendServices_AreBuiltFromTheirDockerfiles()
    {
        Assert.Equal(
            [("silo", KnownSettings.Role.Silo), ("webfrontend", KnownSettings.Role.Frontend)],
            AppServices.Select(service => (service.Name, service.Role)).Order());
        Assert.All(AppServices, service => Assert.Equal(".", _compose.Map("services").Map(service.Name).Map("build").Str("context")));
    }

    [Fact]
    public void ServiceEnvironmentNames_AreSettingsTheProcessReads()
    {
        foreach (var (name, role, environment) in AppServices)
        {
            var problems = KnownSettings.Problems(role, environment);
            Assert.True(problems is [], $"service {name}: {string.Join("; ", problems)}");
        }
    }

    [Fact]
    public void TheFrontendStarts_OnceTheSilosAnswerTheirHealthCheck_OnTheirOwnPort()
    {
        var services = _compose.Map("services");
        var silo = services.Map("silo");
        var port = new Uri(silo.Pairs("environment")["Urls"].Replace("+", "localhost", StringComparison.Ordinal)).Port;
        var check = string.Join(" ", silo.Map("healthcheck").Strings("test"));

        Assert.Contains($"/dev/tcp/127.0.0.1/{port} ", check);
        Assert.Contains("GET /health ", check);
        Assert.Contains("' 200 '", check);
        Assert.Equal("service_healthy", services.Map("webfrontend").Map("depends_on").Map("silo").Str("condition"));
    }

    [Fact]
    public void Redis_RequiresAPassword_AndEveryConnectionStringCarriesIt()
    {
        var redis = _compose.Map("services").Map("redis");
        Assert.StartsWith("${REDIS_PASSWORD:?", redis.Pairs("environment")["REDIS_PASSWORD"]);
        Assert.Contains("requirepass $$REDIS_PASSWORD", string.Join("\n", redis.Strings("command")));
        Assert.DoesNotContain("--requirepass", string.Join("\n", redis.Strings("command")));
        Assert.Contains("REDISCLI_AUTH", string.Join("\n", redis.Map("healthcheck").Strings("test")));

        foreach (var (name, _, environment) in AppServices)
        {
            var connection = environment[$"ConnectionStrings__{RedisSettings.ConnectionStringName}"];
            Assert.True(connection.StartsWith("redis:6379,", StringComparison.Ordinal) && connection.Contains("password=${REDIS_PASSWORD"),
                $"service {name} connects to Redis without its password: {connection}");
        }
    }

    [Fact]
    public void TheSiloAndTheFrontend_GetTheSettingsOfTheKubernetesManifests()
    {
        var manifests = ManifestSet.Load(ManifestSet.BaseDirectory);
        foreach (var (name, role, environment) in AppServices)
        {
            var container = Assert.Single(AppContainers.In(manifests), app => app.Role == role).Container;
            var kubernetes = ContainerEnvironment.Resolve(container, manifests);

            Assert.Equal(kubernetes.Keys.Except(KubernetesOnly).Order(), environment.Keys.Order());
            foreach (var (setting, value) in environment.Where(pair => !pair.Value.Contains("${")))
            {
                Assert.True(kubernetes[setting] == value, $"service {name}: {setting} is '{value}' here and '{kubernetes[setting]}' in Kubernetes");
            }
        }
    }
}
