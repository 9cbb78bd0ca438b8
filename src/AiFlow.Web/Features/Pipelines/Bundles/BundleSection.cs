namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>The kinds of item a bundle holds, as the import plan names them.</summary>
public enum BundleSection { Pipeline, Version, Step, Prompt, IrSchema, MetricProfile }
