using System.Buffers;
using System.Globalization;
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
    private const int KeySliceChars = 4096;

    private readonly bool _enabled = options.Value.Enabled;

    private readonly string _insights = Insights(analysisOptions.Value);

    public bool Enabled => _enabled;

    /// <summary>A result of an earlier identical job (<paramref name="key"/> from <see cref="KeyFor"/>), marked cached;
    /// null on a miss or when the cache is off or unavailable.</summary>
    public async Task<JobResult?> TryGetAsync(string key)
    {
        if (!_enabled)
        {
            return null;
        }

        try
        {
            return await cache.TryGetAsync(key) is { } result ? result with { Cached = true } : null;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Result cache lookup failed; the job runs its stages");
            return null;
        }
    }

    public async Task StoreAsync(string key, JobResult result)
    {
        if (!_enabled)
        {
            return;
        }

        try
        {
            await cache.SetAsync(key, result with { Cached = false });
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Result cache store failed; the job's result is kept with the job only");
        }
    }

    public string KeyFor(JobRequest request)
    {
        var instruction = request.Instruction is { } given ? "given:" + given : "default:" + llmOptions.Value.DefaultInstruction;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(KeySliceChars));
        try
        {
            foreach (var field in new[] { KeyVersion, request.Owner ?? "", embedder.Model, llm.Name, llm.Model, instruction, _insights, request.Text })
            {
                // Length-prefixed, so no two different field lists hash the same bytes.
                field.Length.TryFormat(buffer, out var digits, provider: CultureInfo.InvariantCulture);
                buffer[digits] = (byte)':';
                hash.AppendData(buffer, 0, digits + 1);
                AppendUtf8(hash, field, buffer);
                hash.AppendData("\n"u8);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Hashes the text's UTF-8 in slices, so a 10 MB text needs no 30 MB buffer; a slice never ends inside a
    /// surrogate pair.</summary>
    private static void AppendUtf8(IncrementalHash hash, string text, byte[] buffer)
    {
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(KeySliceChars, text.Length - start);
            if (length < text.Length - start && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            var written = Encoding.UTF8.GetBytes(text.AsSpan(start, length), buffer);
            hash.AppendData(buffer, 0, written);
            start += length;
        }
    }

    private static string Insights(AnalysisOptions analysis) =>
        $"language:{analysis.Language}:{analysis.LanguageAccuracy}:{string.Join(',', analysis.Languages)};sentiment:{analysis.Sentiment}";
}
