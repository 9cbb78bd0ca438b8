using AiFlow.Domain.Steps;

namespace AiFlow.Web.Features.Pipelines.Authoring;

public sealed record VersionSummary(int Number, VersionStatus Status, bool IsActive, int Nodes,
    DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? UpdatedAt, string? UpdatedBy, DateTimeOffset? PublishedAt, string? Notes, string? ReleaseNotes = null);
