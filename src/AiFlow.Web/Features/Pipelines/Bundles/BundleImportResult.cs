namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>The answer to an import: what was created and reused, or why nothing was saved.</summary>
public sealed record BundleImportResult(BundleImportOutcome Outcome, IReadOnlyList<BundleIssue> Issues, string? Pipeline = null, int Number = 0,
    IReadOnlyList<string>? Created = null, IReadOnlyList<string>? Reused = null)
{
    public bool Succeeded => Outcome is BundleImportOutcome.Imported or BundleImportOutcome.Unchanged;

    public string Message => string.Join(" ", Issues.Select(i => $"{i.Pointer}: {i.Message}"));

    public static BundleImportResult Invalid(params BundleIssue[] issues) => new(BundleImportOutcome.Invalid, issues);
}
