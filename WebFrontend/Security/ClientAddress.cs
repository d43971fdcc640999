using System.Net;
using System.Net.Sockets;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>The client address that per-address limits count: the connection's address (the forwarded one when a
/// configured proxy sent it), with an IPv6 address cut to its /64, since one host usually holds a whole /64.</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
