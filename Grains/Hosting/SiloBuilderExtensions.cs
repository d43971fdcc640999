using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansNlp.Jobs;
using OrleansNlp.Telemetry;

namespace OrleansNlp.Hosting;

/// <summary>Silo wiring shared by the standalone silo, the embedded frontend silo and the test clusters.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Grains, their services, storage, reminders and the progress stream. With a Redis connection
    /// string everything durable goes to Redis; without one it stays in memory (embedded mode).</summary>
    public static ISiloBuilder AddOrleansNlp(this ISiloBuilder silo)
    {
        var redis = silo.Configuration.GetRedisConnectionString();

        silo.Services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName);
        silo.AddOrleansNlpEmbedding();
        silo.Services.AddSingleton<StageCancellation>();
        silo.Services.AddSingleton<StageRetryPolicy>();
        silo.Services.AddSingleton<JobMetrics>();
        silo.Services.AddHostedService<JobMetricsStartup>();
        if (TelemetryExtensions.IsOtlpConfigured(silo.Configuration))
        {
            silo.AddActivityPropagation();
        }

        silo.AddOrleansNlpAnalysis();
        silo.AddOrleansNlpLlm();
        silo.AddOrleansNlpResultCache(inRedis: redis is not null);
        silo.AddOrleansNlpWebhooks();
        // The cluster's one watchdog reminder (idempotent: every silo makes sure it is registered).
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IJobWatchdogGrain>(0).StartAsync());
        silo.AddOrleansNlpJobIndex(redis);
        silo.AddOrleansNlpBatches();
        silo.AddOrleansNlpDatasets();
        silo.Services.AddHostedService<SiloDeathRecovery>();
        silo.AddOrleansNlpOperations();

        // Short watchdog or retention periods (tests, demos) need a lower reminder minimum than Orleans' default.
        var jobs = silo.Configuration.GetSection(JobOptions.SectionName).Get<JobOptions>() ?? new JobOptions();
        var shortest = jobs.WatchdogPeriod < jobs.Retention ? jobs.WatchdogPeriod : jobs.Retention;
        silo.Configure<ReminderOptions>(options =>
        {
            if (shortest < options.MinimumReminderPeriod)
            {
                options.MinimumReminderPeriod = shortest;
            }
        });

        // The default 100 ms pull period caps throughput and sets a latency floor for progress events.
        silo.AddMemoryStreams(JobStreams.ProviderName, streams =>
        {
            streams.ConfigurePullingAgent(agent => agent.Configure(options =>
            {
                options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20);
                // A batch's or client's stream is quiet once its jobs end: its agent cache entry need not outlive it by 30 minutes.
                options.StreamInactivityPeriod = TimeSpan.FromMinutes(1);
            }));
            // Orleans purges a queue's cache only once it spans DataMaxAgeInCache (30 minutes by default): under sustained
            // load the silo would hold half an hour of progress events, 1 MB block after block. Nothing here rewinds a
            // stream (watchers read the job's snapshot after subscribing), so a minute is plenty; a consumer that falls
            // further behind gets a stream error, and the frontend's relay then resubscribes and re-reads the job.
            streams.ConfigureCacheEviction(eviction => eviction.Configure(options =>
            {
                options.DataMinTimeInCache = TimeSpan.FromSeconds(30);
                options.DataMaxAgeInCache = TimeSpan.FromMinutes(1);
                options.MetadataMinTimeInCache = TimeSpan.FromMinutes(1);
            }));
        });
        // One pub/sub rendezvous activation per batch or client stream (jobs share 64 partition streams): let it go after
        // a minute idle (Orleans' default: 15), so a silo's memory follows the work in flight.
        // Every job adds its grain's address to the directory's cache, which Orleans keeps up to a million of: a silo
        // under sustained load would grow until it holds them all. A job's grain is hot for seconds, not hours: 20,000
        // addresses cover two minutes of jobs at 150 jobs/s, and fill before a soak's warm-up ends.
        silo.Configure<GrainDirectoryOptions>(options => options.CacheSize = 20_000);
        silo.Configure<GrainCollectionOptions>(options =>
        {
            // An age limit must exceed the collector's period (1 minute by default).
            options.CollectionQuantum = TimeSpan.FromSeconds(30);
            options.ClassSpecificCollectionAge["Orleans.Streams.PubSubRendezvousGrain"] = TimeSpan.FromMinutes(1);
        });

        if (redis is null)
        {
            silo.AddMemoryGrainStorage(StorageNames.Jobs, ConfigureMemoryStorage);
            silo.AddMemoryGrainStorage(StorageNames.PubSub, ConfigureMemoryStorage);
            silo.UseInMemoryReminderService();
        }
        else
        {
            silo.AddRedisGrainStorage(StorageNames.Jobs, storage => ConfigureRedisStorage(storage, redis));
            silo.AddRedisGrainStorage(StorageNames.PubSub, storage => ConfigureRedisStorage(storage, redis));
            silo.UseRedisReminderService(options => options.ConfigurationOptions = RedisSettings.Parse(redis));
            silo.Services.AddSingleton(new RedisConnection(redis));
        }

        return silo;
    }

    public const string MembershipSection = "Orleans:Membership";

    /// <summary>Membership: Redis in cluster mode, localhost otherwise. Endpoints come from the "Orleans" section.</summary>
    public static ISiloBuilder UseOrleansNlpClustering(this ISiloBuilder silo)
    {
        var hosting = silo.Configuration.GetSection(ClusterHostingOptions.SectionName).Get<ClusterHostingOptions>() ?? new();
        var redis = silo.Configuration.GetRedisConnectionString();
        if (redis is null)
        {
            return silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort);
        }

        silo.UseRedisClustering(options => options.ConfigurationOptions = RedisSettings.Parse(redis));
        // A dead silo must be declared dead quickly: until then calls to the grains it held wait or fail, and its jobs
        // wait to resume. Orleans' defaults (5 s probes, 3 missed) take 15 s or more; these take about 6 s. Any of
        // them can be set under Orleans:Membership (e.g. Orleans__Membership__ProbeTimeout=00:00:05 on a busy host).
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(2);
            options.NumMissedProbesLimit = 3;
            options.NumVotesForDeathDeclaration = 2;
        });
        silo.Services.AddOptions<ClusterMembershipOptions>().Bind(silo.Configuration.GetSection(MembershipSection));
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = hosting.ClusterId;
            options.ServiceId = hosting.ServiceId;
        });
        return hosting.AdvertisedIPAddress is { Length: > 0 } address
            ? silo.ConfigureEndpoints(IPAddress.Parse(address), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: false)
            : silo.ConfigureEndpoints(Dns.GetHostName(), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: true);
    }

    // The default JSON serializer cannot set the state types' private setters: a job read back after its activation
    // left memory would come back empty.
    private static void ConfigureMemoryStorage(OptionsBuilder<MemoryGrainStorageOptions> storage) =>
        storage.Configure<IServiceProvider>((options, services) =>
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()));

    private static void ConfigureRedisStorage(OptionsBuilder<Orleans.Persistence.RedisStorageOptions> storage, string redis) =>
        storage.Configure<IServiceProvider>((options, services) =>
        {
            options.ConfigurationOptions = RedisSettings.Parse(redis);
            // Orleans' own serializer honours the [Id]/[Alias] contract of the state types, unlike CLR type names in JSON.
            options.GrainStorageSerializer = new PooledGrainStorageSerializer(services.GetRequiredService<Serializer>());
            options.DeleteStateOnClear = true;
        });
}
