using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansNlp.Analysis;
using OrleansNlp.Analysis.Vader;
using OrleansNlp.Text;

namespace OrleansNlp.Hosting;

/// <summary>Text analysis services of a silo: the <see cref="ILanguageDetector"/> (Lingua, or a no-op when
/// Analysis:Language is false), VADER, the job's <see cref="TextInsightsAnalyzer"/> and the settings of the "Analysis" section, checked at start-up.</summary>
public static class AnalysisSiloExtensions
{
    public static ISiloBuilder AddOrleansNlpAnalysis(this ISiloBuilder silo)
    {
        silo.Services.AddOrleansNlpAnalysis();
        return silo;
    }

    /// <summary>The same services on a plain service collection (tests, benchmarks).</summary>
    public static IServiceCollection AddOrleansNlpAnalysis(this IServiceCollection services)
    {
        services.AddOptions<AnalysisOptions>()
            .BindConfiguration(AnalysisOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnalysisOptions>, AnalysisOptionsValidator>();
        services.AddSingleton<ILanguageDetector>(provider =>
            provider.GetRequiredService<IOptions<AnalysisOptions>>().Value.Language
                ? ActivatorUtilities.CreateInstance<LinguaLanguageDetector>(provider)
                : DisabledLanguageDetector.Instance);
        services.AddSingleton<VaderAnalyzer>();
        services.AddSingleton<TextInsightsAnalyzer>();
        services.AddHostedService<LanguageDetectorWarmup>();
        services.AddHostedService<StopWordsLoader>();
        return services;
    }
}
