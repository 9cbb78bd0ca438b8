using AiFlow.Domain.Retrieval;

namespace AiFlow.Infrastructure.Retrieval.Collections;

/// <summary>One collection: its settings (with the row version a settings change carries), its counts and its latest jobs, newest first.</summary>
public sealed record CollectionDetail(Collection Collection, string? EmbeddingRouteName, DocumentCounts Counts, IReadOnlyList<JobProgress> Jobs);
