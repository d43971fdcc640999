using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansNlp.Analysis;
using OrleansNlp.Embedding;
using OrleansNlp.Llm;
using OrleansNlp.Models;

namespace OrleansNlp.Cache;

/// <summary>
/// What the job pipeline asks of the result cache. The key is the SHA-256 of the owner, the text, the instruction (or the
/// default one), the silo's embedding model and LLM provider and model, and its analysis settings (language detection
/// and sentiment on or off, languages, accuracy), so a change of model or settings never serves a stale result, and a
/// hit never tells one API key what another one submitted.
/// The cache only saves work: when it fails, the job runs its stages as if it had missed.
/// </summary>
public sealed class JobResultCache(
    IResultCache cache,
    ITextEmbedder embedder,
    ILlmProvider llm,
    IOptions<CacheOptions> options,
    IOptions<LlmOptions> llmOptions,
    IOptions<AnalysisOptions> analysisOptions,
    ILogger<JobResultCache> logger)
{
    private const string KeyVersion = "v1";

    private readonly bool _enabled = options.Value.Enabled;

    /// <summary>A result of an earlier identical job, marked cached; null on a miss or when the cache is off or unavailable.</summary>
    public async Task<JobResult?> TryGetAsync(JobRequest request)
    {
        if (!_enabled)
        {
            return null;
        }

        try
        {
            return await cache.TryGetAsync(KeyFor(request)) is { } result ? result with { Cached = true } : null;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Result cache lookup failed; the job runs its stages");
            return null;
        }
    }

    public async Task StoreAsync(JobRequest request, JobResult result)
    {
        if (!_enabled)
        {
            return;
        }

        try
        {
            await cache.SetAsync(KeyFor(request), result with { Cached = false });
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Result cache store failed; the job's result is kept with the job only");
        }
    }

    public string KeyFor(JobRequest request)
    {
        var instruction = request.Instruction is { } given ? "given:" + given : "default:" + llmOptions.Value.DefaultInstruction;
        var analysis = analysisOptions.Value;
        var insights = $"language:{analysis.Language}:{analysis.LanguageAccuracy}:{string.Join(',', analysis.Languages)};sentiment:{analysis.Sentiment}";
        var key = new StringBuilder();
        foreach (var field in new[] { KeyVersion, request.Owner ?? "", embedder.Model, llm.Name, llm.Model, instruction, insights, request.Text })
        {
            // Length-prefixed, so no two different field lists give the same string.
            key.Append(field.Length).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }
}
