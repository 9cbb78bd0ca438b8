using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Steps;

/// <summary>A step as the list shows it; <paramref name="Archived"/> steps are listed only under the Archived toggle.</summary>
public sealed record StepSummary(string Key, string Name, StepKind Kind, string? Description, IReadOnlyList<StepVersionSummary> Versions, bool Archived = false);
