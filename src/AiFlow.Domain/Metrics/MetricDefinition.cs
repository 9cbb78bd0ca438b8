using AiFlow.Domain.Common;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Domain.Metrics;

/// <summary>
/// What is measured: a function of the metric library (<see cref="MetricFunctionCatalog"/>) with its parameters, the
/// direction that counts as better, and how per-case values aggregate in evaluations.
/// </summary>
public class MetricDefinition : IAudited, INumberedVersions
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Unit { get; set; }
    public MetricDirection Direction { get; set; }
    public string? Description { get; set; }
    /// <summary>The library function's key, e.g. <c>field_f1</c>; the metric's own key when they are the same.</summary>
    public string Function { get; set; } = "";
    /// <summary>The function's parameters as a JSON object, checked by the function on save.</summary>
    public string ParametersJson { get; set; } = "{}";
    public MetricAggregation Aggregation { get; set; } = MetricAggregation.Mean;
    /// <summary>The current numbered version (1 on creation, one more on every save that changes something).</summary>
    public int Number { get; set; } = 1;
    public uint Version { get; set; }
}
