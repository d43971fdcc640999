using System.Net;
using System.Net.Sockets;

namespace OrleansNlp.Webhooks;

/// <summary>Classifies the IP addresses a webhook delivery would connect to. IPv6 forms that carry an IPv4 address
/// (mapped ::ffff:a.b.c.d, translated ::ffff:0:a.b.c.d, the deprecated compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4
/// 2002::/16) are judged by
/// that IPv4 address, so ::ffff:127.0.0.1 is loopback.</summary>
public static class EgressAddress
{
    private static readonly IPAddress[] Metadata =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, GCP, Azure, Oracle, DigitalOcean, ...
        IPAddress.Parse("169.254.170.2"), // AWS ECS task metadata
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("fd00:ec2::254"), // AWS over IPv6
        IPAddress.Parse("fd20:ce::254"), // GCP over IPv6
        IPAddress.Parse("168.63.129.16"), // Azure WireServer (a public address, reachable only from inside Azure)
    ];

    public static EgressAddressKind Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } embedded)
        {
            return Classify(embedded);
        }

        if (Array.Exists(Metadata, metadata => metadata.Equals(new IPAddress(address.GetAddressBytes()))))
        {
            return EgressAddressKind.CloudMetadata;
        }

        var b = address.GetAddressBytes();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => b switch
            {
                [0, ..] => EgressAddressKind.Unspecified,
                [127, ..] => EgressAddressKind.Loopback,
                [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] or [100, >= 64 and <= 127, ..] => EgressAddressKind.Private,
                [169, 254, ..] => EgressAddressKind.LinkLocal,
                [>= 224 and <= 239, ..] => EgressAddressKind.Multicast,
                [>= 240, ..] => EgressAddressKind.Broadcast,
                // Not global (RFC 6890): protocol assignments, benchmarking, documentation.
                [192, 0, 0 or 2, ..] or [198, 18 or 19, ..] or [198, 51, 100, ..] or [203, 0, 113, ..] => EgressAddressKind.Private,
                _ => EgressAddressKind.Public,
            },
            AddressFamily.InterNetworkV6 when address.Equals(IPAddress.IPv6Any) => EgressAddressKind.Unspecified,
            AddressFamily.InterNetworkV6 when address.Equals(IPAddress.IPv6Loopback) => EgressAddressKind.Loopback,
            AddressFamily.InterNetworkV6 => b switch
            {
                [0xff, ..] => EgressAddressKind.Multicast,
                [0xfe, >= 0x80 and <= 0xbf, ..] => EgressAddressKind.LinkLocal,
                [0xfe, >= 0xc0, ..] => EgressAddressKind.Private,
                [0xfc or 0xfd, ..] => EgressAddressKind.UniqueLocal,
                // Reserved fe00::/9; Teredo 2001::/32 and NAT64 for local use 64:ff9b:1::/48, whose IPv4 address is
                // obfuscated or placed by the operator.
                [0xfe, ..] or [0x20, 0x01, 0x00, 0x00, ..] or [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01, ..] => EgressAddressKind.Private,
                _ => EgressAddressKind.Public,
            },
            // Neither IPv4 nor IPv6: nothing a webhook should reach.
            _ => EgressAddressKind.Unspecified,
        };
    }

    /// <summary>Whether a delivery must not connect to <paramref name="address"/>.</summary>
    public static bool IsRefused(IPAddress address, bool allowPrivateNetworks) => Classify(address) switch
    {
        EgressAddressKind.Public => false,
        EgressAddressKind.CloudMetadata => true,
        _ => !allowPrivateNetworks,
    };

    /// <summary>The IPv4 address an IPv6 address stands for, if it is one of the forms that embed one.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback))
        {
            return new IPAddress(b.AsSpan(12, 4)); // ::a.b.c.d (IPv4-compatible, deprecated)
        }

        if (b is [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, ..])
        {
            return new IPAddress(b.AsSpan(12, 4)); // ::ffff:0:a.b.c.d (IPv4-translated)
        }

        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return new IPAddress(b.AsSpan(12, 4)); // 64:ff9b::/96, NAT64 well-known prefix
        }

        if (b is [0x20, 0x02, ..])
        {
            return new IPAddress(b.AsSpan(2, 4)); // 2002::/16, 6to4
        }

        return null;
    }
}
