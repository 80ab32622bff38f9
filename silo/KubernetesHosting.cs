using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace ServiceHall.Silo;

/// <summary>
/// Orleans' Kubernetes integration, switched on by <c>ServiceHall:Cluster:Kubernetes:Enabled</c> (the Helm chart sets it):
/// the silo takes its name and advertised address from the pod, and removes pods of silos declared dead.
/// Off everywhere else, because it needs the pod's environment and the Kubernetes API.
/// </summary>
internal static class KubernetesHosting
{
    public static void UseServiceHallKubernetesHosting(this ISiloBuilder silo, ClusterSettings cluster)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodNamespaceEnvironmentVariable)))
        {
            // Fail at boot with the reason, rather than later inside the agent with a Kubernetes client error.
            throw new InvalidOperationException(
                $"ServiceHall:Cluster:Kubernetes:Enabled is set but {KubernetesHostingOptions.PodNamespaceEnvironmentVariable} is not: " +
                "Kubernetes hosting only works inside a pod (the chart passes POD_NAME, POD_NAMESPACE and POD_IP).");
        }

        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = cluster.SiloPort;
            endpoints.GatewayPort = cluster.GatewayPort;
        });
        silo.UseKubernetesHosting(hosting => hosting.Configure(options =>
            options.DeleteDefunctSiloPods = cluster.Kubernetes.DeleteDefunctSiloPods));
    }
}
