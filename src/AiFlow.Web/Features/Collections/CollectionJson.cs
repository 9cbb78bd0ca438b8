using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Infrastructure.Retrieval.Ingestion;
using AiFlow.Web.Api;

namespace AiFlow.Web.Features.Collections;

/// <summary>The API's view of collections, documents and jobs; enums travel by name.</summary>
internal static class CollectionJson
{
    public static CollectionSummary Of(CollectionSummary c) => c;

    public static CollectionDetailJson Of(CollectionDetail detail)
    {
        var c = detail.Collection;
        var n = detail.Counts;
        return new(c.Id, c.Key, c.Name, c.Description, c.Version,
            new CollectionSettingsJson(c.EmbeddingRouteId, detail.EmbeddingRouteName, c.EmbeddingModel, c.Dimensions, c.ChunkMaxTokens, c.ChunkOverlapTokens,
                c.TextSearchLanguage, c.DefaultEfSearch, c.RerankEndpointId),
            new CollectionCountsJson(n.Documents, n.Ingested, n.Pending, n.Quarantined, n.Failed, n.Chunks), detail.Jobs, c.CreatedAt, c.CreatedBy);
    }

    public static JobProgress Of(JobProgress j) => j;

    public static IngestionJobJson Of(JobDetail detail) => new(detail.Progress,
        detail.Log.Select(l => new IngestionLogJson(l.At, l.Level, l.DocumentId, l.FileName, l.Message)).ToList());

    public static DocumentJson Of(DocumentRow d) => new(d.Id, d.FileName, d.Title, d.Version, d.Status, d.StatusReason, d.NearDuplicateOfId, d.NearDuplicateOfName,
        d.SupersedesId, d.MimeType, d.SizeBytes, d.PageCount, d.Language, d.Licence, d.AllowedUses, d.Tags, d.SourceUri, d.Chunks, d.IngestionJobId, d.CreatedAt, d.IngestedAt);

    public static ApiPage<DocumentJson> Of(DocumentPage page) => new(page.Page, page.PageSize, page.Total, page.Items.Select(Of).ToList());

    public static UploadOutcome Of(UploadOutcome outcome) => outcome;
}

public sealed record CollectionDetailJson(Guid Id, string Key, string Name, string? Description, uint Version, CollectionSettingsJson Settings, CollectionCountsJson Counts,
    IReadOnlyList<JobProgress> Jobs, DateTimeOffset CreatedAt, string CreatedBy);

/// <param name="EmbeddingRoute">The embedding route's name.</param>
public sealed record CollectionSettingsJson(Guid? EmbeddingRouteId, string? EmbeddingRoute, string EmbeddingModel, int Dimensions, int ChunkMaxTokens, int ChunkOverlapTokens,
    string TextSearchLanguage, int DefaultEfSearch, Guid? RerankEndpointId);

public sealed record CollectionCountsJson(int Documents, int Ingested, int Pending, int Quarantined, int Failed, int Chunks);

public sealed record IngestionJobJson(JobProgress Job, IReadOnlyList<IngestionLogJson> Log);

public sealed record IngestionLogJson(DateTimeOffset At, string Level, Guid? DocumentId, string? FileName, string Message);

/// <param name="NearDuplicateOf">The near-duplicate document's name.</param>
/// <param name="Source">Where a server-read source came from.</param>
public sealed record DocumentJson(Guid Id, string FileName, string Title, int Version, DocumentStatus Status, string? StatusReason, Guid? NearDuplicateOfId,
    string? NearDuplicateOf, Guid? SupersedesId, string MimeType, long SizeBytes, int PageCount, string? Language, string? Licence, IReadOnlyList<string> AllowedUses,
    IReadOnlyList<string> Tags, string? Source, int Chunks, Guid? IngestionJobId, DateTimeOffset CreatedAt, DateTimeOffset? IngestedAt);
