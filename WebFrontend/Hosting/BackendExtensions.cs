using Orleans.Dashboard;
using OrleansNlp.Hosting;

namespace OrleansNlp.WebFrontend.Hosting;

/// <summary>How the frontend reaches the grains: an in-process silo by default, a cluster client when Redis is configured.</summary>
public static class BackendExtensions
{
    public static IHostApplicationBuilder AddOrleansNlpBackend(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetRedisConnectionString() is null)
        {
            builder.UseOrleans(silo => silo.UseOrleansNlpClustering().AddOrleansNlp());
            builder.Services.AddHostedService<EmbeddedModeNotice>();
        }
        else
        {
            // The dashboard's grains run in the silos (AddOrleansNlpOperations); this client serves its page.
            builder.UseOrleansClient(client => client.AddOrleansNlpClient(builder.Configuration).AddDashboard());
        }

        builder.Services.AddOrleansNlpHealthChecks(builder.Configuration);
        return builder;
    }
}
