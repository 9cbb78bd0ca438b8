using AiFlow.Domain.Common;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Schemas;

namespace AiFlow.Domain.Steps;

/// <summary>Pins prompt, route, parameters, IR schema and metric profile. Immutable once published.</summary>
public class StepVersion : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StepDefinitionId { get; set; }
    public StepDefinition? StepDefinition { get; set; }
    public int Number { get; set; }
    public VersionStatus Status { get; set; }
    public Guid? PromptTemplateVersionId { get; set; }
    public Guid? ModelRouteId { get; set; }
    public Guid? IrSchemaVersionId { get; set; }
    public Guid? MetricProfileId { get; set; }
    public ValidationMode ValidationMode { get; set; } = ValidationMode.Log;
    public string ParamsJson { get; set; } = "{}";
    public double ReviewSamplingRate { get; set; }
    public string? Guidelines { get; set; }
    public List<string> LabelSet { get; set; } = [];
    public int ReviewersNeeded { get; set; } = 1;
    /// <summary>Top of the 1..N rating scale reviewers use; 0 turns rating off.</summary>
    public int RatingScale { get; set; } = 5;
    /// <summary>Blind review: a reviewer never sees the other reviewers' decisions on the same item.</summary>
    public bool BlindReview { get; set; }
    /// <summary>How long a claim holds a slot before it returns to the queue.</summary>
    public int ReviewLeaseMinutes { get; set; } = 10;
    /// <summary>The importance of this step's model calls: high may use premium endpoints and is served first from a saturated pool.</summary>
    public CallImportance Importance { get; set; }
    /// <summary>Cost-sensitive steps route cost-based (cheapest endpoint first) whatever their route's strategy.</summary>
    public bool CostSensitive { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public uint Version { get; set; }
}
