using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansNlp.Webhooks;

namespace OrleansNlp.Hosting;

/// <summary>Webhook delivery services of a silo.</summary>
public static class WebhookSiloExtensions
{
    public static ISiloBuilder AddOrleansNlpWebhooks(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName);
        silo.Services.AddSingleton<WebhookSender>();
        silo.Services.AddSingleton<WebhookDispatcher>();
        silo.Services.TryAddSingleton(new WebhookHostResolver(Dns.GetHostAddressesAsync));
        silo.Services.AddSingleton<WebhookConnector>();
        silo.Services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                // No redirects: an allowed host must not be able to bounce deliveries to internal addresses.
                AllowAutoRedirect = false,
                // No proxy: through one, the connection checked would be the proxy's, not the receiver's.
                UseProxy = false,
                ConnectCallback = services.GetRequiredService<WebhookConnector>().ConnectAsync,
            });
        return silo;
    }
}
