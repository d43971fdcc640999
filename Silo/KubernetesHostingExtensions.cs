using Orleans.Hosting.Kubernetes;

namespace OrleansNlp.Silo;

/// <summary>Orleans' Kubernetes hosting for a silo running in a pod: the silo is named after its pod, advertises the
/// pod's IP, labels its pod with the cluster's ids, and declares silos dead when their pods are deleted.</summary>
public static class KubernetesHostingExtensions
{
    /// <summary>A pod is recognised by the downward-API variables the Deployment sets (POD_NAME and POD_NAMESPACE);
    /// without them (<c>dotnet run</c>, scripts/cluster.sh, compose) nothing changes.</summary>
    public static bool IsKubernetesPod(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[KubernetesHostingOptions.PodNameEnvironmentVariable])
        && !string.IsNullOrWhiteSpace(configuration[KubernetesHostingOptions.PodNamespaceEnvironmentVariable]);

    public static ISiloBuilder UseKubernetesHostingInPod(this ISiloBuilder silo) =>
        IsKubernetesPod(silo.Configuration) ? silo.UseKubernetesHosting() : silo;
}
