using System.Buffers;
using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace OrleansNlp.Embedding;

/// <summary>
/// A sentence-transformers style ONNX model with its WordPiece tokenizer: one <see cref="InferenceSession"/> per silo.
/// <see cref="Run"/> embeds a batch of tokenized texts in one inference call, padded to the longest; it blocks while
/// ONNX Runtime works, so callers on the Orleans scheduler go through <see cref="EmbeddingBatcher"/> instead.
/// </summary>
public sealed class OnnxEmbeddingModel : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string SentenceEmbedding = "sentence_embedding";
    private const int DefaultMaxTokens = 256;

    private static readonly string[] TokenOutputs = ["last_hidden_state", "token_embeddings"];

    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly BertTokenizer tokenizer;
    private readonly string[] inputNames;
    private readonly string[] outputNames;
    private readonly bool pooled;

    public OnnxEmbeddingModel(IOptions<EmbeddingOptions> options, ILogger<OnnxEmbeddingModel> logger)
    {
        var settings = options.Value;
        ModelPath = settings.ModelPath is { Length: > 0 } configured
            ? ResolvePath(configured)
            : Path.Combine(AppContext.BaseDirectory, "models", EmbeddingOptions.DefaultModelName, "model.onnx");
        var directory = Path.GetDirectoryName(ModelPath)!;
        var vocabPath = settings.VocabPath is { Length: > 0 } vocab ? ResolvePath(vocab) : Path.Combine(directory, "vocab.txt");
        if (!File.Exists(ModelPath) || !File.Exists(vocabPath))
        {
            throw new FileNotFoundException(
                $"Embedding model '{ModelPath}' or its vocabulary '{vocabPath}' is missing (set {EmbeddingOptions.SectionName}:ModelPath and VocabPath).");
        }

        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        // Spinning intra-op threads would take the cores from the silo's own threads between runs.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        IntraOpThreads = settings.IntraOpThreads ?? (settings.ModelPath is { Length: > 0 } ? 0 : 1);
        if (IntraOpThreads > 0)
        {
            sessionOptions.IntraOpNumThreads = IntraOpThreads;
        }

        session = new InferenceSession(ModelPath, sessionOptions);
        var inputs = session.InputMetadata;
        foreach (var required in new[] { InputIds, AttentionMask })
        {
            if (!inputs.TryGetValue(required, out var input) || input.ElementDataType != TensorElementType.Int64)
            {
                throw new InvalidOperationException($"Embedding model '{ModelPath}' needs an int64 input '{required}'.");
            }
        }

        inputNames = inputs.ContainsKey(TokenTypeIds) ? [InputIds, AttentionMask, TokenTypeIds] : [InputIds, AttentionMask];
        pooled = session.OutputMetadata.ContainsKey(SentenceEmbedding);
        var output = pooled ? SentenceEmbedding : TokenOutputs.FirstOrDefault(session.OutputMetadata.ContainsKey)
            ?? throw new InvalidOperationException(
                $"Embedding model '{ModelPath}' has neither '{SentenceEmbedding}' nor a token output ({string.Join(", ", TokenOutputs)}).");
        outputNames = [output];

        MaxTokens = ResolveMaxTokens(settings, directory, inputs[InputIds].Dimensions);
        tokenizer = BertTokenizer.Create(vocabPath, new BertOptions
        {
            LowerCaseBeforeTokenization = settings.LowerCase
                ?? ModelConfigFiles.ReadBool(directory, "tokenizer_config.json", "do_lower_case")
                ?? true,
        });
        Name = settings.ModelName is { Length: > 0 } name ? name
            : session.ModelMetadata.CustomMetadataMap.TryGetValue("model_name", out var declared) && declared.Length > 0 ? declared
            : Path.GetFileName(directory);

        // One run up front: loads everything, and tells the width when the model leaves it symbolic.
        Dimensions = Run([Tokenize("warm up")])[0].Length;
        logger.LogInformation(
            "Embedding model {Model} loaded from {ModelPath}: {Dimensions} dimensions, {MaxTokens} tokens, output {Output}",
            Name, ModelPath, Dimensions, MaxTokens, output);
    }

    public string Name { get; }

    public string ModelPath { get; }

    public int Dimensions { get; }

    /// <summary>ONNX Runtime intra-op threads per run; 0 when ONNX Runtime chooses.</summary>
    public int IntraOpThreads { get; }

    /// <summary>Most tokens per input, [CLS] and [SEP] included; longer inputs are truncated.</summary>
    public int MaxTokens { get; }

    /// <summary>Most tokens of text per input, the special tokens left out.</summary>
    public int MaxTextTokens => MaxTokens - 2;

    /// <summary>WordPiece tokens of a text, without [CLS] and [SEP]; counts add up over whitespace-separated pieces.</summary>
    public int CountTokens(string text) => tokenizer.CountTokens(text);

    /// <summary>Token ids with [CLS] and [SEP], truncated to <see cref="MaxTokens"/>.</summary>
    public int[] Tokenize(string text)
    {
        var ids = tokenizer.EncodeToIds(text, MaxTokens, addSpecialTokens: true, out _, out _);
        return ids as int[] ?? [.. ids];
    }

    /// <summary>Embeds tokenized texts in one inference run; returns one unit-length vector per input
    /// (all zeros when the model gives nothing for an input).</summary>
    public float[][] Run(IReadOnlyList<int[]> batch)
    {
        ArgumentOutOfRangeException.ThrowIfZero(batch.Count);
        var count = batch.Count;
        var length = 0;
        foreach (var ids in batch)
        {
            length = Math.Max(length, ids.Length);
        }

        // The input tensors come from the pool: a full batch's would be large-object-heap arrays on every run.
        var size = count * length;
        var inputIds = ArrayPool<long>.Shared.Rent(size);
        var mask = ArrayPool<long>.Shared.Rent(size);
        var types = inputNames.Length > 2 ? ArrayPool<long>.Shared.Rent(size) : null;
        try
        {
            inputIds.AsSpan(0, size).Fill(tokenizer.PaddingTokenId);
            mask.AsSpan(0, size).Clear();
            types?.AsSpan(0, size).Clear();
            for (var row = 0; row < count; row++)
            {
                var ids = batch[row];
                var offset = row * length;
                for (var i = 0; i < ids.Length; i++)
                {
                    inputIds[offset + i] = ids[i];
                    mask[offset + i] = 1;
                }
            }

            long[] shape = [count, length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, inputIds.AsMemory(0, size), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape);
            using var typesValue = types is null ? null : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape);
            OrtValue[] values = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];

            using var outputs = session.Run(runOptions, inputNames, values, outputNames);
            var data = outputs[0].GetTensorDataAsSpan<float>();
            return pooled ? Rows(data, count) : MeanPool(data, batch, length);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(inputIds);
            ArrayPool<long>.Shared.Return(mask);
            if (types is not null)
            {
                ArrayPool<long>.Shared.Return(types);
            }
        }
    }

    public void Dispose()
    {
        session.Dispose();
        runOptions.Dispose();
    }

    private static float[][] Rows(ReadOnlySpan<float> data, int count)
    {
        var width = data.Length / count;
        var vectors = new float[count][];
        for (var row = 0; row < count; row++)
        {
            vectors[row] = Normalize(data.Slice(row * width, width).ToArray());
        }

        return vectors;
    }

    /// <summary>Mean of the token vectors under the attention mask; padding rows are skipped.</summary>
    private static float[][] MeanPool(ReadOnlySpan<float> data, IReadOnlyList<int[]> batch, int length)
    {
        var hidden = data.Length / (batch.Count * length);
        var vectors = new float[batch.Count][];
        for (var row = 0; row < batch.Count; row++)
        {
            var sum = new float[hidden];
            var tokens = batch[row].Length;
            for (var position = 0; position < tokens; position++)
            {
                TensorPrimitives.Add(sum, data.Slice((row * length + position) * hidden, hidden), sum);
            }

            if (tokens > 0)
            {
                TensorPrimitives.Divide(sum, tokens, sum);
            }

            vectors[row] = Normalize(sum);
        }

        return vectors;
    }

    private static float[] Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm<float>(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private static int ResolveMaxTokens(EmbeddingOptions settings, string directory, int[] inputShape)
    {
        var wanted = settings.MaxTokens
            ?? ModelConfigFiles.ReadInt(directory, "sentence_bert_config.json", "max_seq_length")
            ?? DefaultMaxTokens;
        int?[] limits =
        [
            inputShape is [_, > 0 and var fixedLength] ? fixedLength : null,
            ModelConfigFiles.ReadInt(directory, "config.json", "max_position_embeddings"),
            ModelConfigFiles.ReadInt(directory, "tokenizer_config.json", "model_max_length"),
        ];
        var maxTokens = limits.Aggregate(wanted, (current, limit) => limit is > 0 ? Math.Min(current, limit.Value) : current);
        if (maxTokens < 3)
        {
            throw new InvalidOperationException($"{EmbeddingOptions.SectionName}:MaxTokens must leave room for text besides [CLS] and [SEP] (got {maxTokens}).");
        }

        return maxTokens;
    }

    private static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var fromWorkingDirectory = Path.GetFullPath(path);
        return File.Exists(fromWorkingDirectory) ? fromWorkingDirectory : Path.Combine(AppContext.BaseDirectory, path);
    }
}
