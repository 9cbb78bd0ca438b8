using AiFlow.Infrastructure.Retrieval.Collections;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>An ingestion job's progress and its log, oldest line first (the latest <see cref="IngestionService.MaxLogLines"/> lines).</summary>
public sealed record JobDetail(JobProgress Progress, IReadOnlyList<IngestionLogLine> Log);
