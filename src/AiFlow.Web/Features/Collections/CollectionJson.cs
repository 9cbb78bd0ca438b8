using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Infrastructure.Retrieval.Ingestion;

namespace AiFlow.Web.Features.Collections;

/// <summary>The API's view of collections, documents and jobs; enums travel by name.</summary>
internal static class CollectionJson
{
    public static object Of(CollectionSummary c) => new
    {
        id = c.Id, key = c.Key, name = c.Name, dimensions = c.Dimensions, documents = c.Documents, chunks = c.Chunks, createdAt = c.CreatedAt,
    };

    public static object Of(CollectionDetail detail)
    {
        var c = detail.Collection;
        return new
        {
            id = c.Id, key = c.Key, name = c.Name, description = c.Description, version = c.Version,
            settings = new
            {
                embeddingRouteId = c.EmbeddingRouteId, embeddingRoute = detail.EmbeddingRouteName, embeddingModel = c.EmbeddingModel, dimensions = c.Dimensions,
                chunkMaxTokens = c.ChunkMaxTokens, chunkOverlapTokens = c.ChunkOverlapTokens, textSearchLanguage = c.TextSearchLanguage,
                defaultEfSearch = c.DefaultEfSearch, rerankEndpointId = c.RerankEndpointId,
            },
            counts = new
            {
                documents = detail.Counts.Documents, ingested = detail.Counts.Ingested, pending = detail.Counts.Pending,
                quarantined = detail.Counts.Quarantined, failed = detail.Counts.Failed, chunks = detail.Counts.Chunks,
            },
            jobs = detail.Jobs.Select(Of),
            createdAt = c.CreatedAt, createdBy = c.CreatedBy,
        };
    }

    public static object Of(JobProgress j) => new
    {
        id = j.Id, status = j.Status.ToString(), filesTotal = j.FilesTotal, filesDone = j.FilesDone, pages = j.Pages, chunks = j.Chunks,
        embeddings = j.Embeddings, errors = j.Errors, createdAt = j.CreatedAt, createdBy = j.CreatedBy, startedAt = j.StartedAt, finishedAt = j.FinishedAt,
    };

    public static object Of(JobDetail detail) => new
    {
        job = Of(detail.Progress),
        log = detail.Log.Select(l => new { at = l.At, level = l.Level, documentId = l.DocumentId, fileName = l.FileName, message = l.Message }),
    };

    public static object Of(DocumentRow d) => new
    {
        id = d.Id, fileName = d.FileName, title = d.Title, version = d.Version, status = d.Status.ToString(), statusReason = d.StatusReason,
        nearDuplicateOfId = d.NearDuplicateOfId, nearDuplicateOf = d.NearDuplicateOfName, supersedesId = d.SupersedesId, mimeType = d.MimeType,
        sizeBytes = d.SizeBytes, pageCount = d.PageCount, language = d.Language, licence = d.Licence, allowedUses = d.AllowedUses, tags = d.Tags,
        source = d.SourceUri, chunks = d.Chunks, ingestionJobId = d.IngestionJobId, createdAt = d.CreatedAt, ingestedAt = d.IngestedAt,
    };

    public static object Of(DocumentPage page) => new { items = page.Items.Select(Of), total = page.Total, page = page.Page, pageSize = page.PageSize };

    public static object Of(UploadOutcome outcome) => new
    {
        jobId = outcome.JobId,
        stored = outcome.Stored.Select(s => new { id = s.Id, fileName = s.FileName, version = s.Version, supersedesId = s.SupersedesId }),
        skipped = outcome.Skipped.Select(s => new { fileName = s.FileName, reason = s.Reason, duplicateOfId = s.DuplicateOfId }),
    };
}
