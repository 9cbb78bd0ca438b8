using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;

namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>One version as the editor sees it; <see cref="RowVersion"/> is the xmin a save must still match.</summary>
public sealed record PipelineDraft(
    string Key, string Name, Guid VersionId, int Number, VersionStatus Status, bool IsActive, uint RowVersion,
    PipelineDag Dag, DagLayout Layout, string? UpdatedBy, DateTimeOffset? UpdatedAt, string? Notes,
    string? GateOverrideReason = null, string? GateOverriddenBy = null, DateTimeOffset? GateOverriddenAt = null, string? ReleaseNotes = null,
    string? InputSchemaJson = null)
{
    public bool IsDraft => Status == VersionStatus.Draft;
}
