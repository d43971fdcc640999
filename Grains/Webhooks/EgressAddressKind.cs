namespace OrleansNlp.Webhooks;

/// <summary>What kind of network an IP address belongs to, as far as webhook egress is concerned.</summary>
public enum EgressAddressKind
{
    /// <summary>A globally routed address: deliveries may connect.</summary>
    Public = 0,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback = 1,

    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fec0::/10 (deprecated site-local).</summary>
    Private = 2,

    /// <summary>169.254/16, fe80::/10.</summary>
    LinkLocal = 3,

    /// <summary>fc00::/7.</summary>
    UniqueLocal = 4,

    /// <summary>224/4, ff00::/8.</summary>
    Multicast = 5,

    /// <summary>0.0.0.0/8 ("this network"; 0.0.0.0 reaches the local host on Linux), ::.</summary>
    Unspecified = 6,

    /// <summary>255.255.255.255 and the rest of 240/4 (reserved).</summary>
    Broadcast = 7,

    /// <summary>Instance-metadata services of cloud providers (169.254.169.254, 169.254.170.2, fd00:ec2::254,
    /// 100.100.100.200): refused even when private networks are allowed.</summary>
    CloudMetadata = 8,
}
