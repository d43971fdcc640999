namespace OrleansNlp.Embedding;

/// <summary>Embedding model and dynamic batching settings, bound from the "Embedding" configuration section.
/// With nothing configured the silo uses the model shipped next to its binaries (<see cref="DefaultModelName"/>).</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embedding";

    public const string DefaultModelName = "glove-6b-100d-sif";

    /// <summary>A sentence-transformers style ONNX export: inputs <c>input_ids</c>, <c>attention_mask</c> and optionally
    /// <c>token_type_ids</c>; output <c>sentence_embedding</c> or <c>last_hidden_state</c>. Relative paths are resolved
    /// against the working directory, then the application directory.</summary>
    public string? ModelPath { get; set; }

    /// <summary>The WordPiece <c>vocab.txt</c>; defaults to the one next to the model.</summary>
    public string? VocabPath { get; set; }

    /// <summary>The name reported in results; defaults to the model's <c>model_name</c> metadata, else its folder name.</summary>
    public string? ModelName { get; set; }

    /// <summary>Most tokens per input, [CLS] and [SEP] included. Defaults to the model's
    /// <c>sentence_bert_config.json</c> <c>max_seq_length</c>, else 256, and never exceeds the limits the model declares.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Lower-case before WordPiece; defaults to <c>do_lower_case</c> of the model's <c>tokenizer_config.json</c>, else true.</summary>
    public bool? LowerCase { get; set; }

    /// <summary>Most texts in one batched inference run.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Most tokens in one run, padding included (batch size × longest input).</summary>
    public int MaxBatchTokens { get; set; } = 8192;

    /// <summary>How long the first text of a batch may wait for others before the batch runs anyway. The batcher waits
    /// only while fewer texts are queued than its previous batch held, so a lone caller does not wait.</summary>
    public int MaxQueueDelayMicroseconds { get; set; } = 2000;

    /// <summary>ONNX Runtime intra-op threads per inference run; 0 lets ONNX Runtime choose (one per physical core).
    /// Unset: 1 for the shipped model (a table lookup and a mean: splitting a run across threads only adds hand-offs),
    /// ONNX Runtime's choice for a configured model (a transformer's matrix products do gain from more threads).</summary>
    public int? IntraOpThreads { get; set; }
}
