namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>Why a bundle was not imported, with the JSON pointer of the part of the bundle it is about.</summary>
public sealed record BundleIssue(string Pointer, string Message);
