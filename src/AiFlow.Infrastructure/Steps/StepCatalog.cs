namespace AiFlow.Infrastructure.Steps;

/// <summary>What step versions can be built from: existing model routes, IR schema versions, prompt versions, metric profiles.</summary>
public sealed record StepCatalog(
    IReadOnlyList<CatalogOption> Routes,
    IReadOnlyList<CatalogOption> Schemas,
    IReadOnlyList<CatalogOption> Prompts,
    IReadOnlyList<CatalogOption> Profiles)
{
    /// <summary>What a picker offers: the options that are not archived, plus the one the version already pins.</summary>
    public static IReadOnlyList<CatalogOption> Offered(IReadOnlyList<CatalogOption> options, Guid? pinned) =>
        options.Where(o => !o.Archived || o.Id == pinned).ToList();
}
