using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace OrleansNlp.Webhooks;

/// <summary>Opens the connections of webhook deliveries (the <see cref="SocketsHttpHandler.ConnectCallback"/> of the
/// "webhooks" HttpClient). It resolves the host itself and connects only to addresses that
/// <see cref="EgressAddress"/> lets through, so the address checked is the address connected to: an allowed name
/// that resolves (or is rebound) to loopback, a private network or a cloud-metadata service is refused before
/// any packet is sent. The port is checked here too.</summary>
public sealed class WebhookConnector(IOptions<WebhookOptions> options, WebhookHostResolver resolve)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var settings = options.Value;
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        if (!settings.IsPortAllowed(port))
        {
            throw new WebhookBlockedException("port not allowed");
        }

        var resolved = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolve(host, ct);
        // Only the permitted addresses are tried: a name with both a public and an internal address reaches the public one.
        var permitted = Array.FindAll(resolved, address => !EgressAddress.IsRefused(address, settings.AllowPrivateNetworks));
        if (permitted.Length == 0)
        {
            throw resolved.Length == 0
                ? new SocketException((int)SocketError.HostNotFound)
                : new WebhookBlockedException(Array.Exists(resolved, address => EgressAddress.Classify(address) == EgressAddressKind.CloudMetadata)
                    ? "metadata address"
                    : "private address");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
