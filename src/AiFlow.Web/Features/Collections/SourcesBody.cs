using AiFlow.Infrastructure.Retrieval.Ingestion;

namespace AiFlow.Web.Features.Collections;

/// <summary><c>POST /api/collections/{key}/sources</c>: files or folders on the server, or URLs (one of the two), with the manifest every document keeps.</summary>
public sealed record SourcesBody(
    List<string>? Paths = null,
    List<string>? Urls = null,
    string? Licence = null,
    List<string>? AllowedUses = null,
    List<string>? Tags = null,
    string? Source = null)
{
    public DocumentManifest Manifest => new(Licence, AllowedUses, Tags, Source);
}
