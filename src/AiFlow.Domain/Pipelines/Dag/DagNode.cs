using System.Text.Json.Nodes;

namespace AiFlow.Domain.Pipelines.Dag;

/// <summary>One node of a pipeline DAG with its runtime policy.</summary>
public sealed class DagNode
{
    public string Key { get; set; } = "";
    public Guid StepVersionId { get; set; }
    public List<string> DependsOn { get; set; } = [];
    /// <summary>Expression over <c>input</c>, <c>ir.&lt;node&gt;</c> and <c>metrics.&lt;node&gt;.&lt;metric&gt;</c>; null runs always.</summary>
    public string? Condition { get; set; }
    public int Retries { get; set; }
    public int? TimeoutMs { get; set; }
    public bool ContinueOnFail { get; set; }
    public string? ParallelGroup { get; set; }
    public Guid? MetricProfileId { get; set; }
    public JsonObject? Params { get; set; }
}
