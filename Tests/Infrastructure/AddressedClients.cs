using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Clients of a test server whose requests arrive from a chosen remote address, as from distinct machines
/// or through a proxy: per-address limits can then be tested without tests sharing a budget.</summary>
public static class AddressedClients
{
    private static int _next;

    /// <summary>A fresh address in 198.18.0.0/15 (reserved for benchmarks), different on every call.</summary>
    public static IPAddress NewAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([198, (byte)(18 + (n >> 16 & 1)), (byte)(n >> 8), (byte)n]);
    }

    public static HttpClient CreateClientFrom(this WebApplicationFactory<Program> factory, IPAddress address, string? apiKey = null)
    {
        var client = new HttpClient(factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = address))
        {
            BaseAddress = factory.Server.BaseAddress,
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }
}
