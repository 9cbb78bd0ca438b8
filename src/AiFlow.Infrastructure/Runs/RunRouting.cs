using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Runs;

/// <summary>A caller's per-run choice of importance and cost sensitivity; a null member keeps each step version's own.</summary>
public sealed record RunRouting(CallImportance? Importance, bool? CostSensitive);
