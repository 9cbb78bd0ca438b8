namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>Imported: something was created. Unchanged: the console had it all. Invalid and Conflict saved nothing.</summary>
public enum BundleImportOutcome { Imported, Unchanged, Invalid, Conflict }
