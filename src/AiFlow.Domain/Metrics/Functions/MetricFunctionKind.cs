namespace AiFlow.Domain.Metrics.Functions;

/// <summary>Whether a metric reads only the step's own output and facts, or compares the output with ground truth.</summary>
public enum MetricFunctionKind { ReferenceFree, ReferenceBased }
