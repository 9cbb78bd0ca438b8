namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>The answer to an accepted import: the version it landed as (always published, never active) and the keys it created or reused.</summary>
public sealed record BundleImported(string? Pipeline, int Number, string Status, BundleImportOutcome Outcome, IReadOnlyList<string>? Created, IReadOnlyList<string>? Reused)
{
    public static BundleImported Of(BundleImportResult result) => new(result.Pipeline, result.Number, "Published", result.Outcome, result.Created, result.Reused);
}
