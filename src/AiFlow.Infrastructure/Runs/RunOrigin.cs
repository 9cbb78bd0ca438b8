namespace AiFlow.Infrastructure.Runs;

/// <summary>Who asked for a run beyond their name: the API key (for budgets) and their routing overrides (importance, cost sensitivity).</summary>
public sealed record RunOrigin(Guid? ApiKeyId, RunRouting? Routing);
