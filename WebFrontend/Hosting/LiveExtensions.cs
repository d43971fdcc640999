using OrleansNlp.Hosting;
using OrleansNlp.WebFrontend.Live;
using StackExchange.Redis;

namespace OrleansNlp.WebFrontend.Hosting;

/// <summary>SignalR (with the Redis backplane in cluster mode) and the progress relays of jobs, batches and clients.</summary>
public static class LiveExtensions
{
    public static IHostApplicationBuilder AddOrleansNlpLive(this IHostApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR().AddJsonProtocol(options => JsonDefaults.Apply(options.PayloadSerializerOptions));
        if (builder.Configuration.GetRedisConnectionString() is { } redis)
        {
            signalR.AddStackExchangeRedis(options =>
            {
                options.Configuration = RedisSettings.Parse(redis);
                options.Configuration.ChannelPrefix = RedisChannel.Literal("orleans-nlp-signalr");
            });
        }

        builder.Services.AddSingleton<JobProgressRelay>();
        builder.Services.AddSingleton<BatchProgressRelay>();
        builder.Services.AddSingleton<ClientProgressRelay>();
        return builder;
    }
}
