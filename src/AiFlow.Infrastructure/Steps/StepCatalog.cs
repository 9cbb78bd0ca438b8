namespace AiFlow.Infrastructure.Steps;

/// <summary>What step versions can be built from: existing model routes, IR schema versions, prompt versions, metric profiles.</summary>
public sealed record StepCatalog(
    IReadOnlyList<CatalogOption> Routes,
    IReadOnlyList<CatalogOption> Schemas,
    IReadOnlyList<CatalogOption> Prompts,
    IReadOnlyList<CatalogOption> Profiles);
