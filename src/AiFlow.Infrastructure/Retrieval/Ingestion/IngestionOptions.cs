using System.ComponentModel.DataAnnotations;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>Bound from <c>AiFlow:Retrieval</c>: what ingestion accepts and where the server may read sources from.</summary>
public sealed class IngestionOptions
{
    public const string Section = "AiFlow:Retrieval";

    /// <summary>Folders the server may ingest from (and everything below them); none by default, so no folder is read until an operator names one.</summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>The largest upload request (all its files together), and the largest folder read, in bytes.</summary>
    [Range(1024, long.MaxValue)] public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest document fetched from one URL, in bytes; a longer answer is refused, not cut.</summary>
    [Range(1024, long.MaxValue)] public long MaxUrlBytes { get; set; } = 20L * 1024 * 1024;

    [Range(1, 10_000)] public int MaxFilesPerRequest { get; set; } = 500;

    /// <summary>Chunks per embedding request to the gateway.</summary>
    [Range(1, 2048)] public int EmbeddingBatchSize { get; set; } = 32;

    [Range(1, 600)] public int UrlTimeoutSeconds { get; set; } = 30;
}
