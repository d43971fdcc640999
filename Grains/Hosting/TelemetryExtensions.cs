using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OrleansNlp.Embedding;
using OrleansNlp.Telemetry;

namespace OrleansNlp.Hosting;

/// <summary>OpenTelemetry for silos and frontends: metrics (jobs and LLM capacity, embedding batches, Orleans, ASP.NET
/// Core, the .NET runtime) scraped from <see cref="MetricsRoute"/> in Prometheus format, and, when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, metrics and traces (HTTP requests in and out, Orleans grain calls) sent
/// over OTLP.</summary>
public static class TelemetryExtensions
{
    public const string MetricsRoute = "/metrics";

    /// <summary>The OpenTelemetry SDK's standard setting (an environment variable, or any configuration source).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] Meters =
    [
        JobMetrics.MeterName,
        EmbeddingBatcher.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "System.Runtime",
    ];

    // Orleans files calls to our OrleansNlp interfaces under its runtime source; GrainCallSampler keeps those and drops
    // Orleans' background calls (stream polling every few milliseconds).
    private static readonly string[] TraceSources =
    [
        "Microsoft.Orleans.Application",
        "Microsoft.Orleans.Runtime",
        "System.Net.Http",
    ];

    /// <summary>The most tag combinations a metric keeps. OpenTelemetry's default, 2,000, is allocated up front for every
    /// metric: the silo's ~170 metrics took 25 MB of its heap. Ours have at most a few dozen (routes × status codes,
    /// grain types × methods); any beyond the limit are counted under <c>otel.metric.overflow</c>.</summary>
    public const int MetricSeriesLimit = 500;

    public static IHostApplicationBuilder AddOrleansNlpTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricSeriesLimit })
                .AddPrometheusExporter());
        if (IsOtlpConfigured(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing
                    .SetSampler(new GrainCallSampler())
                    .AddSource(TraceSources)
                    .AddAspNetCoreInstrumentation())
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Traces are only worth their cost when something collects them: grain calls make activities (Orleans'
    /// activity propagation) only then.</summary>
    public static bool IsOtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);

    public static IEndpointConventionBuilder MapOrleansNlpMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsRoute);
}
