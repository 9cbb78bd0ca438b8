using AiFlow.Domain.Steps;

namespace AiFlow.Web.Features.Runs.List;

public sealed record VersionOption(Guid Id, int Number, VersionStatus Status, bool IsActive)
{
    public bool IsDraft => Status == VersionStatus.Draft;
}
