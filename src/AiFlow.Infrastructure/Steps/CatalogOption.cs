namespace AiFlow.Infrastructure.Steps;

/// <summary>Something a step version may pin, as a picker shows it; <see cref="Detail"/> adds a hint (task type, variants).</summary>
public sealed record CatalogOption(Guid Id, string Label, string? Detail = null);
