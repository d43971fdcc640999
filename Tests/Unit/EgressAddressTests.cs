using System.Net;
using OrleansNlp.Webhooks;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The address classifier of webhook egress: IPv4, IPv6 and the IPv6 forms that carry an IPv4 address.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class EgressAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", EgressAddressKind.Loopback)]
    [InlineData("127.255.255.254", EgressAddressKind.Loopback)]
    [InlineData("10.0.0.1", EgressAddressKind.Private)]
    [InlineData("172.16.0.1", EgressAddressKind.Private)]
    [InlineData("172.31.255.255", EgressAddressKind.Private)]
    [InlineData("192.168.1.1", EgressAddressKind.Private)]
    [InlineData("100.64.0.1", EgressAddressKind.Private)]
    [InlineData("100.127.255.255", EgressAddressKind.Private)]
    [InlineData("169.254.1.1", EgressAddressKind.LinkLocal)]
    [InlineData("169.254.169.254", EgressAddressKind.CloudMetadata)]
    [InlineData("169.254.170.2", EgressAddressKind.CloudMetadata)]
    [InlineData("100.100.100.200", EgressAddressKind.CloudMetadata)]
    [InlineData("224.0.0.1", EgressAddressKind.Multicast)]
    [InlineData("239.255.255.250", EgressAddressKind.Multicast)]
    [InlineData("0.0.0.0", EgressAddressKind.Unspecified)]
    [InlineData("0.1.2.3", EgressAddressKind.Unspecified)]
    [InlineData("255.255.255.255", EgressAddressKind.Broadcast)]
    [InlineData("240.0.0.1", EgressAddressKind.Broadcast)]
    [InlineData("8.8.8.8", EgressAddressKind.Public)]
    [InlineData("172.15.255.255", EgressAddressKind.Public)]
    [InlineData("172.32.0.0", EgressAddressKind.Public)]
    [InlineData("100.63.255.255", EgressAddressKind.Public)]
    [InlineData("100.128.0.0", EgressAddressKind.Public)]
    [InlineData("192.169.0.1", EgressAddressKind.Public)]
    [InlineData("11.0.0.1", EgressAddressKind.Public)]
    [InlineData("168.63.129.16", EgressAddressKind.CloudMetadata)]
    [InlineData("192.0.0.170", EgressAddressKind.Private)]
    [InlineData("192.0.2.1", EgressAddressKind.Private)]
    [InlineData("198.18.0.1", EgressAddressKind.Private)]
    [InlineData("198.19.255.255", EgressAddressKind.Private)]
    [InlineData("198.51.100.7", EgressAddressKind.Private)]
    [InlineData("203.0.113.9", EgressAddressKind.Private)]
    [InlineData("192.0.1.1", EgressAddressKind.Public)]
    [InlineData("198.20.0.1", EgressAddressKind.Public)]
    public void IPv4_IsClassifiedByItsRange(string address, EgressAddressKind expected) =>
        Assert.Equal(expected, EgressAddress.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::1", EgressAddressKind.Loopback)]
    [InlineData("::", EgressAddressKind.Unspecified)]
    [InlineData("fe80::1", EgressAddressKind.LinkLocal)]
    [InlineData("febf::1", EgressAddressKind.LinkLocal)]
    [InlineData("fec0::1", EgressAddressKind.Private)]
    [InlineData("fc00::1", EgressAddressKind.UniqueLocal)]
    [InlineData("fd12:3456::1", EgressAddressKind.UniqueLocal)]
    [InlineData("fd00:ec2::254", EgressAddressKind.CloudMetadata)]
    [InlineData("ff02::1", EgressAddressKind.Multicast)]
    [InlineData("2001:4860:4860::8888", EgressAddressKind.Public)]
    [InlineData("2606:4700::1111", EgressAddressKind.Public)]
    [InlineData("fe00::1", EgressAddressKind.Private)]
    [InlineData("fd20:ce::254", EgressAddressKind.CloudMetadata)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", EgressAddressKind.Private)]
    [InlineData("64:ff9b:1::a00:1", EgressAddressKind.Private)]
    [InlineData("2001:db9::1", EgressAddressKind.Public)]
    public void IPv6_IsClassifiedByItsRange(string address, EgressAddressKind expected) =>
        Assert.Equal(expected, EgressAddress.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", EgressAddressKind.Loopback)]
    [InlineData("::ffff:10.1.2.3", EgressAddressKind.Private)]
    [InlineData("::ffff:192.168.0.1", EgressAddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", EgressAddressKind.CloudMetadata)]
    [InlineData("::ffff:0.0.0.0", EgressAddressKind.Unspecified)]
    [InlineData("::ffff:8.8.8.8", EgressAddressKind.Public)]
    [InlineData("::127.0.0.1", EgressAddressKind.Loopback)]
    [InlineData("::ffff:0:127.0.0.1", EgressAddressKind.Loopback)]
    [InlineData("::ffff:0:8.8.8.8", EgressAddressKind.Public)]
    [InlineData("64:ff9b::10.0.0.1", EgressAddressKind.Private)]
    [InlineData("64:ff9b::8.8.8.8", EgressAddressKind.Public)]
    [InlineData("2002:7f00:1::", EgressAddressKind.Loopback)]
    [InlineData("2002:a9fe:a9fe::1", EgressAddressKind.CloudMetadata)]
    public void IPv6FormsCarryingIPv4_AreClassifiedByTheirIPv4Address(string address, EgressAddressKind expected) =>
        Assert.Equal(expected, EgressAddress.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("127.0.0.1", true, false)]
    [InlineData("::ffff:192.168.0.1", false, true)]
    [InlineData("::ffff:192.168.0.1", true, false)]
    [InlineData("169.254.169.254", true, true)]
    [InlineData("fd00:ec2::254", true, true)]
    [InlineData("8.8.8.8", false, false)]
    public void IsRefused_FollowsAllowPrivateNetworks_ExceptForCloudMetadata(string address, bool allowPrivateNetworks, bool refused) =>
        Assert.Equal(refused, EgressAddress.IsRefused(IPAddress.Parse(address), allowPrivateNetworks));
}
