using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Steps;

/// <summary>A step definition with all its versions, newest first.</summary>
public sealed record StepDetails(Guid Id, string Key, string Name, StepKind Kind, string? Description, IReadOnlyList<StepVersionDetails> Versions)
{
    public StepVersionDetails? Latest => Versions.Count > 0 ? Versions[0] : null;
}
