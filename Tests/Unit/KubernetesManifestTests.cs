using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;
using OrleansNlp.Hosting;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Tests.Infrastructure.Deployment;
using YamlDotNet.RepresentationModel;
using static OrleansNlp.Tests.Infrastructure.Deployment.AppContainers;

namespace OrleansNlp.Tests;

/// <summary>deploy/kubernetes checked statically against the code (no cluster is reachable here): probes against the
/// health routes and the ports the processes listen on, environment names against the settings the processes read,
/// secret and ConfigMap references, selectors against labels, and the labels and RBAC Orleans' Kubernetes hosting needs.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class KubernetesManifestTests
{
    private const string SecretKeyRef = "secretKeyRef";

    private readonly ManifestSet _base = ManifestSet.Load(ManifestSet.BaseDirectory);

    private IReadOnlyList<AppContainer> Apps => AppContainers.In(_base);

    private AppContainer Silo => Assert.Single(Apps, app => app.Role == KnownSettings.Role.Silo);

    private AppContainer Frontend => Assert.Single(Apps, app => app.Role == KnownSettings.Role.Frontend);

    [Fact]
    public void TheKustomization_ListsEveryManifestFile_AndEveryObjectIsNamed()
    {
        var kustomization = YamlNodes.LoadDocuments(Path.Combine(ManifestSet.BaseDirectory, ManifestSet.KustomizationFile)).Single();

        Assert.Equal(
            ManifestSet.ManifestFiles(ManifestSet.BaseDirectory).Select(Path.GetFileName).Order(),
            kustomization.Strings("resources").Order());
        Assert.All(_base.Objects, manifest =>
        {
            Assert.False(string.IsNullOrEmpty(manifest.Root.Str("apiVersion")), $"{manifest} has no apiVersion");
            Assert.False(string.IsNullOrEmpty(manifest.Kind), $"{manifest.File} holds an object without a kind");
            Assert.False(string.IsNullOrEmpty(manifest.Name), $"{manifest} has no name");
        });
        Assert.Equal(2, Apps.Count);
    }

    [Fact]
    public void Selectors_MatchTheLabelsOfExactlyOneWorkloadsPods()
    {
        foreach (var workload in _base.Workloads)
        {
            Assert.NotEmpty(workload.Spec.Map("selector").Pairs("matchLabels"));
            AssertSelects(workload.Spec.Map("selector").Pairs("matchLabels"), workload.PodLabels, $"{workload} selector");
            foreach (var spread in workload.PodSpec.Maps("topologySpreadConstraints"))
            {
                AssertSelects(spread.Map("labelSelector").Pairs("matchLabels"), workload.PodLabels, $"{workload} topology spread");
            }
        }

        var selectors = _base.OfKind("Service").Select(service => (service, selector: service.Spec.Pairs("selector")))
            .Concat(_base.OfKind("PodDisruptionBudget").Select(budget => (service: budget, selector: budget.Spec.Map("selector").Pairs("matchLabels"))));
        foreach (var (owner, selector) in selectors)
        {
            Assert.NotEmpty(selector);
            Assert.True(
                _base.Workloads.Count(workload => selector.All(label => workload.PodLabels.GetValueOrDefault(label.Key) == label.Value)) == 1,
                $"{owner} must select the pods of exactly one workload");
        }
    }

    [Fact]
    public void ServicePorts_AndTheIngressBackend_NameContainerPortsThatExist()
    {
        foreach (var service in _base.OfKind("Service"))
        {
            var workload = _base.Workloads.Single(candidate => service.Spec.Pairs("selector").All(label => candidate.PodLabels.GetValueOrDefault(label.Key) == label.Value));
            foreach (var port in service.Spec.Maps("ports"))
            {
                Assert.True(
                    workload.Containers.Any(container => ContainerPort(container, port.Str("targetPort") ?? port.Str("port")!) is not null),
                    $"{service} port {port.Str("name")} targets no container port of {workload}");
            }
        }

        foreach (var ingress in _base.OfKind("Ingress"))
        {
            foreach (var backend in ingress.Spec.Maps("rules").SelectMany(rule => rule.Map("http").Maps("paths")).Select(path => path.Map("backend").Map("service")))
            {
                var service = _base.Single("Service", backend.Str("name")!);
                var port = backend.Map("port");
                Assert.Contains(service.Spec.Maps("ports"), candidate => candidate.Str("name") == port.Str("name") || candidate.Str("port") == port.Str("number"));
            }
        }
    }

    [Fact]
    public void Probes_AskTheHealthRoutes_OnThePortTheProcessListensOn()
    {
        foreach (var app in Apps)
        {
            var environment = ContainerEnvironment.Resolve(app.Container, _base);
            var listening = PortOf(environment.GetValueOrDefault("Urls") ?? DockerfileUrlsOf(app.Dockerfile));
            // The image alone (compose, docker run) listens where the manifest probes.
            Assert.Equal(PortOf(DockerfileUrlsOf(app.Dockerfile)), listening);

            var readiness = HttpProbe(app, "readinessProbe");
            var liveness = HttpProbe(app, "livenessProbe");
            var startup = HttpProbe(app, "startupProbe");
            Assert.Equal(HealthCheckExtensions.HealthRoute, readiness.Str("path"));
            Assert.Equal(HealthCheckExtensions.LivenessRoute, liveness.Str("path"));
            Assert.Equal(HealthCheckExtensions.LivenessRoute, startup.Str("path"));
            foreach (var probe in new[] { readiness, liveness, startup })
            {
                Assert.True(ContainerPort(app.Container, probe.Str("port")!) == listening,
                    $"{app}: a probe asks port {probe.Str("port")}, the process listens on {listening}");
            }
        }
    }

    [Fact]
    public void TheSilo_ExposesTheOrleansPortsItIsConfiguredWith()
    {
        var hosting = Bind<ClusterHostingOptions>(ContainerEnvironment.Resolve(Silo.Container, _base), ClusterHostingOptions.SectionName);

        Assert.Equal(hosting.SiloPort, ContainerPort(Silo.Container, "silo"));
        Assert.Equal(hosting.GatewayPort, ContainerPort(Silo.Container, "gateway"));
    }

    [Fact]
    public void EnvironmentNames_AreSettingsTheProcessReads()
    {
        foreach (var app in Apps)
        {
            var helpers = ContainerEnvironment.HelperNames(app.Container);
            var settings = ContainerEnvironment.Resolve(app.Container, _base).Where(pair => !helpers.Contains(pair.Key)).ToDictionary();

            Assert.True(KnownSettings.Problems(app.Role, settings) is [], $"{app}: {string.Join("; ", KnownSettings.Problems(app.Role, settings))}");
        }
    }

    [Fact]
    public void TheOverlays_SetOnlySettingsTheProcessesRead_AndExpandOnlyEarlierVariables()
    {
        var patched = Directory.GetDirectories(ManifestSet.OverlaysDirectory)
            .SelectMany(ManifestSet.ManifestFiles)
            .SelectMany(file => YamlNodes.LoadDocuments(file).Select(root => new Manifest(file, root)))
            .SelectMany(manifest => manifest.Containers.Select(container => (manifest, container)))
            .ToList();
        Assert.NotEmpty(patched);

        foreach (var (manifest, container) in patched)
        {
            var role = _base.Single(manifest.Kind!, manifest.Name!).Containers.Single(original => original.Str("name") == container.Str("name")).Str("image")!
                .StartsWith(SiloImage, StringComparison.Ordinal) ? KnownSettings.Role.Silo : KnownSettings.Role.Frontend;
            var helpers = ContainerEnvironment.HelperNames(container);
            var settings = container.Maps("env").Where(entry => !helpers.Contains(entry.Str("name")!))
                .ToDictionary(entry => entry.Str("name")!, entry => entry.Str("value") ?? ContainerEnvironment.SecretPlaceholder);
            Assert.True(KnownSettings.Problems(role, settings) is [], $"{manifest}: {string.Join("; ", KnownSettings.Problems(role, settings))}");
            AssertExpansionsReferToEarlierVariables(manifest, container, new HashSet<string>());
            AssertSecretReferencesExist(manifest, container);
        }
    }

    [Fact]
    public void EnvExpansions_ReferToVariablesDefinedEarlierInTheSameContainer()
    {
        foreach (var workload in _base.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                AssertExpansionsReferToEarlierVariables(workload, container, ContainerEnvironment.ConfigMapVariables(container, _base).Keys.ToHashSet());
            }
        }
    }

    [Fact]
    public void EverySecretReference_NamesASecretAndKeyThatAreDefined()
    {
        var references = 0;
        foreach (var workload in _base.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                references += AssertSecretReferencesExist(workload, container);
            }
        }

        Assert.True(references >= 5, $"expected the Redis password (Redis, silo, frontend), the API key and the LLM key to come from secrets; found {references} references");
    }

    [Fact]
    public void SecretSettings_AreNeverLiteralValues()
    {
        foreach (var app in Apps)
        {
            foreach (var entry in app.Container.Maps("env").Where(entry => IsSecretSetting(entry.Str("name")!)))
            {
                Assert.True(entry.Map("valueFrom").Map(SecretKeyRef) is not null, $"{app}: {entry.Str("name")} must come from a secretKeyRef");
            }

            var connection = ContainerEnvironment.Resolve(app.Container, _base)[$"ConnectionStrings__{RedisSettings.ConnectionStringName}"];
            Assert.Contains($"password={ContainerEnvironment.SecretPlaceholder}", connection);
        }

        Assert.All(_base.OfKind("ConfigMap").SelectMany(map => map.Root.Pairs("data").Keys),
            key => Assert.False(IsSecretSetting(key), $"ConfigMap key {key} holds a secret"));
    }

    [Fact]
    public void SiloPods_GiveOrleansKubernetesHosting_ThePodVariables_MatchingClusterLabels_AndThePodPermissions()
    {
        var fields = Silo.Container.Maps("env")
            .Where(entry => entry.Map("valueFrom").Map("fieldRef") is not null)
            .ToDictionary(entry => entry.Str("name")!, entry => entry.Map("valueFrom").Map("fieldRef").Str("fieldPath"));
        Assert.Equal("metadata.name", fields.GetValueOrDefault(KubernetesHostingOptions.PodNameEnvironmentVariable));
        Assert.Equal("metadata.namespace", fields.GetValueOrDefault(KubernetesHostingOptions.PodNamespaceEnvironmentVariable));
        Assert.Equal("status.podIP", fields.GetValueOrDefault(KubernetesHostingOptions.PodIPEnvironmentVariable));

        // The hosting labels its pod with the effective ids; different labels would relabel every pod at start.
        var hosting = Bind<ClusterHostingOptions>(ContainerEnvironment.Resolve(Silo.Container, _base), ClusterHostingOptions.SectionName);
        Assert.Equal(hosting.ServiceId, Silo.Workload.PodLabels.GetValueOrDefault(KubernetesHostingOptions.ServiceIdLabel));
        Assert.Equal(hosting.ClusterId, Silo.Workload.PodLabels.GetValueOrDefault(KubernetesHostingOptions.ClusterIdLabel));
        var environment = ContainerEnvironment.Resolve(Silo.Container, _base);
        Assert.DoesNotContain(KubernetesHostingOptions.ServiceIdEnvironmentVariable, environment.Keys);
        Assert.DoesNotContain(KubernetesHostingOptions.ClusterIdEnvironmentVariable, environment.Keys);

        var account = Silo.Workload.PodSpec.Str("serviceAccountName");
        _base.Single("ServiceAccount", account!);
        var binding = Assert.Single(_base.OfKind("RoleBinding"), candidate =>
            candidate.Root.Maps("subjects").Any(subject => subject.Str("kind") == "ServiceAccount" && subject.Str("name") == account));
        Assert.Equal("Role", binding.Root.Map("roleRef").Str("kind"));
        var role = _base.Single("Role", binding.Root.Map("roleRef").Str("name")!);
        var podRule = Assert.Single(role.Root.Maps("rules"), rule => rule.Strings("resources").Contains("pods") && rule.Strings("apiGroups").Contains(""));
        Assert.Equal(["get", "list", "patch", "watch"], podRule.Strings("verbs").Order());
    }

    [Fact]
    public void SiloAndFrontend_JoinTheSameCluster_ThroughTheRedisService_WithItsPassword()
    {
        var silo = ContainerEnvironment.Resolve(Silo.Container, _base);
        var frontend = ContainerEnvironment.Resolve(Frontend.Container, _base);
        var siloIds = Bind<ClusterHostingOptions>(silo, ClusterHostingOptions.SectionName);
        var frontendIds = Bind<ClusterHostingOptions>(frontend, ClusterHostingOptions.SectionName);
        Assert.Equal((siloIds.ServiceId, siloIds.ClusterId), (frontendIds.ServiceId, frontendIds.ClusterId));

        var connectionKey = $"ConnectionStrings__{RedisSettings.ConnectionStringName}";
        Assert.Equal(silo[connectionKey], frontend[connectionKey]);
        var redis = StackExchange.Redis.ConfigurationOptions.Parse(silo[connectionKey]);
        var endpoint = Assert.IsType<System.Net.DnsEndPoint>(Assert.Single(redis.EndPoints));
        var service = _base.Single("Service", endpoint.Host);
        Assert.Contains(service.Spec.Maps("ports"), port => port.Str("port") == endpoint.Port.ToString());

        // The clients' password is the very secret key Redis is started with.
        var server = _base.Workloads.Single(workload => service.Spec.Pairs("selector").All(label => workload.PodLabels.GetValueOrDefault(label.Key) == label.Value));
        var serverPassword = SecretSource(server.Containers.Single(), "REDIS_PASSWORD");
        Assert.Equal(serverPassword, SecretSource(Silo.Container, "REDIS_PASSWORD"));
        Assert.Equal(serverPassword, SecretSource(Frontend.Container, "REDIS_PASSWORD"));
        Assert.Contains("requirepass $REDIS_PASSWORD", string.Join("\n", server.Containers.Single().Strings("command")));
    }

    [Fact]
    public void TheFrontend_IsStickyForSignalR_AndKeepsLongConnectionsOpen()
    {
        var service = Assert.Single(_base.OfKind("Service"), candidate => candidate.Spec.Pairs("selector").All(label => Frontend.Workload.PodLabels.GetValueOrDefault(label.Key) == label.Value));
        Assert.Equal("ClientIP", service.Spec.Str("sessionAffinity"));

        var ingress = Assert.Single(_base.OfKind("Ingress"));
        var annotations = ingress.Root.Map("metadata").Pairs("annotations");
        Assert.Equal("cookie", annotations.GetValueOrDefault("nginx.ingress.kubernetes.io/affinity"));
        Assert.True(int.Parse(annotations.GetValueOrDefault("nginx.ingress.kubernetes.io/proxy-read-timeout") ?? "60") >= 600,
            "WebSockets and event streams need a long proxy read timeout");
    }

    [Fact]
    public void Containers_HaveRequestsAndLimits_AndTheAutoscalersScaleDeploymentsOnCpu()
    {
        foreach (var workload in _base.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var resources = container.Map("resources");
                Assert.NotNull(resources.Map("requests").Str("cpu"));
                Assert.NotNull(resources.Map("requests").Str("memory"));
                Assert.NotNull(resources.Map("limits").Str("memory"));
            }
        }

        var autoscalers = _base.OfKind("HorizontalPodAutoscaler").ToList();
        Assert.Contains(autoscalers, autoscaler => autoscaler.Spec.Map("scaleTargetRef").Str("name") == Silo.Workload.Name);
        foreach (var autoscaler in autoscalers)
        {
            var target = autoscaler.Spec.Map("scaleTargetRef");
            var deployment = _base.Single(target.Str("kind")!, target.Str("name")!);
            Assert.Contains(autoscaler.Spec.Maps("metrics"), metric => metric.Map("resource").Str("name") == "cpu");
            var replicas = int.Parse(deployment.Spec.Str("replicas") ?? "1");
            Assert.InRange(replicas, int.Parse(autoscaler.Spec.Str("minReplicas") ?? "1"), int.Parse(autoscaler.Spec.Str("maxReplicas")!));
        }
    }

    private static bool IsSecretSetting(string name) =>
        name.Contains("ApiKey", StringComparison.OrdinalIgnoreCase)
        || name.Contains("AdminKeys", StringComparison.OrdinalIgnoreCase)
        || name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)
        || name.Contains("Secret", StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith("Auth__Keys__", StringComparison.OrdinalIgnoreCase) && name.EndsWith("__Key", StringComparison.OrdinalIgnoreCase));

    private static T Bind<T>(IReadOnlyDictionary<string, string> environment, string section) where T : new() =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":"), (string?)pair.Value)))
            .Build()
            .GetSection(section)
            .Get<T>() ?? new T();

    private static void AssertSelects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels, string what) =>
        Assert.True(selector.Count > 0 && selector.All(label => labels.GetValueOrDefault(label.Key) == label.Value),
            $"{what} ({string.Join(",", selector)}) does not match the pod labels ({string.Join(",", labels)})");

    private static int? ContainerPort(YamlMappingNode container, string nameOrNumber) =>
        container.Maps("ports")
            .Where(port => port.Str("name") == nameOrNumber || port.Str("containerPort") == nameOrNumber)
            .Select(port => (int?)int.Parse(port.Str("containerPort")!))
            .FirstOrDefault();

    private static YamlMappingNode HttpProbe(AppContainer app, string probe) =>
        app.Container.Map(probe).Map("httpGet") ?? throw new Xunit.Sdk.XunitException($"{app} has no HTTP {probe}");

    private static (string? Secret, string? Key) SecretSource(YamlMappingNode container, string name) =>
        container.Maps("env").Single(entry => entry.Str("name") == name).Map("valueFrom").Map(SecretKeyRef) is { } reference
            ? (reference.Str("name"), reference.Str("key"))
            : throw new Xunit.Sdk.XunitException($"{name} of container {container.Str("name")} is not from a secret");

    private static void AssertExpansionsReferToEarlierVariables(Manifest owner, YamlMappingNode container, HashSet<string> defined)
    {
        foreach (var entry in container.Maps("env"))
        {
            foreach (var name in ContainerEnvironment.ReferencedNames(entry.Str("value") ?? ""))
            {
                Assert.True(defined.Contains(name), $"{owner}: {entry.Str("name")} expands $({name}), which is not defined before it (Kubernetes would pass the text as is)");
            }

            defined.Add(entry.Str("name")!);
        }
    }

    private int AssertSecretReferencesExist(Manifest owner, YamlMappingNode container)
    {
        var references = container.Maps("env").Select(entry => entry.Map("valueFrom").Map(SecretKeyRef)).OfType<YamlMappingNode>()
            .Concat(container.Maps("envFrom").Select(source => source.Map("secretRef")).OfType<YamlMappingNode>())
            .ToList();
        foreach (var reference in references)
        {
            var keys = _base.SecretKeys(reference.Str("name")!);
            Assert.True(keys is not null, $"{owner} refers to Secret {reference.Str("name")}, which is not defined");
            if (reference.Str("key") is { } key)
            {
                Assert.True(keys.Contains(key), $"{owner} refers to key {key} of Secret {reference.Str("name")}, which has only {string.Join(", ", keys)}");
            }
        }

        return references.Count;
    }
}
