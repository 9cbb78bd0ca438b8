using System.ComponentModel.DataAnnotations;

namespace AiFlow.Infrastructure.Inference.BuiltIn;

/// <summary>Bound from <c>AiFlow:BuiltInEmbeddings</c>: the console's own MiniLM embedding endpoint.</summary>
public sealed class BuiltInEmbeddingOptions
{
    public const string SectionName = "AiFlow:BuiltInEmbeddings";

    /// <summary>Serves <c>/builtin/v1/embeddings</c>; off, the endpoint is not mapped and the model never loads.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Model runs at once. ONNX Runtime already spreads one run over the cores, so on a small machine one at a time keeps
    /// the console responsive; requests beyond it wait their turn.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Texts per model run: one run pads every text to the longest, so big batches of mixed lengths waste work.</summary>
    [Range(1, 1024)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Texts per request, as OpenAI allows.</summary>
    [Range(1, 100_000)]
    public int MaxInputs { get; set; } = 2048;

    /// <summary>Characters per text. The model reads at most 512 tokens (the rest is cut, as sentence-transformers does), so more is a mistake.</summary>
    [Range(1, 1_000_000)]
    public int MaxInputCharacters { get; set; } = 32_768;
}
