using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;
using OrleansNlp.Analysis;
using OrleansNlp.Cache;
using OrleansNlp.Datasets;
using OrleansNlp.Embedding;
using OrleansNlp.Hosting;
using OrleansNlp.Llm;
using OrleansNlp.Webhooks;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.Tests.Infrastructure.Deployment;

/// <summary>Which environment variables a silo or a frontend reads: each section is bound into the real options class
/// the process binds it to, with unknown keys and unconvertible values as errors, so a misspelt or misplaced setting
/// (one the process would silently ignore) is reported.</summary>
public static class KnownSettings
{
    public enum Role { Silo, Frontend }

    private static readonly Dictionary<string, Type> SiloSections = new()
    {
        [ClusterHostingOptions.SectionName] = typeof(ClusterHostingOptions),
        [JobOptions.SectionName] = typeof(JobOptions),
        [EmbeddingOptions.SectionName] = typeof(EmbeddingOptions),
        [LlmOptions.SectionName] = typeof(LlmOptions),
        [CacheOptions.SectionName] = typeof(CacheOptions),
        [WebhookOptions.SectionName] = typeof(WebhookOptions),
        [AnalysisOptions.SectionName] = typeof(AnalysisOptions),
        [DatasetOptions.SectionName] = typeof(DatasetOptions),
    };

    private static readonly Dictionary<string, Type> FrontendSections = new()
    {
        [ClusterHostingOptions.SectionName] = typeof(ClusterHostingOptions),
        [AuthOptions.SectionName] = typeof(AuthOptions),
        [RateLimitingOptions.SectionName] = typeof(RateLimitingOptions),
        [SubmitLimits.SectionName] = typeof(SubmitLimits),
        [WebhookOptions.SectionName] = typeof(WebhookOptions),
        [ForwardedHeadersSettings.SectionName] = typeof(ForwardedHeadersShape),
    };

    private static readonly string[] SiloNames =
    [
        KubernetesHostingOptions.PodNameEnvironmentVariable,
        KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable,
    ];

    private static readonly string[] FrontendNames = ["AllowedHosts"];

    /// <summary>Settings of the host, ASP.NET Core, .NET and OpenTelemetry that both processes honour.</summary>
    private static readonly string[] CommonPrefixes = ["Logging:", "OTEL_", "DOTNET_", "ASPNETCORE_"];

    private static readonly string[] CommonNames = ["Urls", $"ConnectionStrings:{RedisSettings.ConnectionStringName}"];

    /// <summary>One line per problem: a name the role does not read, or a value its options cannot hold.</summary>
    public static IReadOnlyList<string> Problems(Role role, IReadOnlyDictionary<string, string> environment)
    {
        var problems = new List<string>();
        var sections = role == Role.Silo ? SiloSections : FrontendSections;
        var names = role == Role.Silo ? SiloNames : FrontendNames;
        var bound = new Dictionary<string, Dictionary<string, string?>>();
        foreach (var (variable, value) in environment)
        {
            var key = variable.Replace("__", ":");
            var section = key.Split(':')[0];
            if (CommonNames.Contains(key) || names.Contains(key) || CommonPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }

            if (sections.ContainsKey(section) && key.Contains(':'))
            {
                (bound.TryGetValue(section, out var entries) ? entries : bound[section] = [])[key] = value;
                continue;
            }

            problems.Add($"{variable}: not a setting the {role.ToString().ToLowerInvariant()} reads");
        }

        foreach (var (section, entries) in bound)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(entries).Build();
            try
            {
                configuration.GetSection(section).Get(sections[section], binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException exception)
            {
                problems.Add($"{section}: {exception.Message}");
            }
        }

        return problems;
    }

    /// <summary>The keys <see cref="ForwardedHeadersSettings.Apply"/> reads (it reads them one by one, not through an
    /// options class).</summary>
    private sealed class ForwardedHeadersShape
    {
        public List<string> KnownProxies { get; set; } = [];

        public List<string> KnownNetworks { get; set; } = [];

        public int ForwardLimit { get; set; }
    }
}
