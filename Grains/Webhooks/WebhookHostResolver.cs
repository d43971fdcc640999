using System.Net;

namespace OrleansNlp.Webhooks;

/// <summary>Resolves a callback host name to the addresses that <see cref="WebhookConnector"/> checks and connects
/// to. <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> in production; tests map names to chosen
/// addresses (an allowed name that resolves to loopback).</summary>
public delegate Task<IPAddress[]> WebhookHostResolver(string host, CancellationToken ct);
