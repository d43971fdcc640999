namespace OrleansNlp.Hosting;

/// <summary>Cluster identity and silo endpoints, bound from the "Orleans" configuration section.</summary>
public sealed class ClusterHostingOptions
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "orleans-nlp";

    public string ServiceId { get; set; } = "orleans-nlp";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients use to reach this silo. Unset: this host name's address
    /// (right in containers); set 127.0.0.1 to keep a local cluster on loopback.</summary>
    public string? AdvertisedIPAddress { get; set; }
}
