using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Steps;

public sealed record StepSummary(string Key, string Name, StepKind Kind, string? Description, IReadOnlyList<StepVersionSummary> Versions);
