using Microsoft.Extensions.DependencyInjection;
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
        // No redirects: an allowed host must not be able to bounce deliveries to internal addresses.
        silo.Services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return silo;
    }
}
