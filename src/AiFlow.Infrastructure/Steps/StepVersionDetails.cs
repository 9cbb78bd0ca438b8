using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Steps;

/// <summary>One step version as stored; <see cref="RowVersion"/> goes back with a save so a stale one is a conflict.</summary>
public sealed record StepVersionDetails(Guid Id, int Number, VersionStatus Status, uint RowVersion, StepVersionDraft Settings,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt)
{
    public bool IsDraft => Status == VersionStatus.Draft;
}
