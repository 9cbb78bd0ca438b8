namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>The bundle as a file, or why there is none: no such version (<see cref="NotFound"/>) or one that cannot move yet.</summary>
public sealed record BundleExportResult(string? Json, string? FileName, string? Refusal, bool NotFound = false);
