using AiFlow.Domain.Inference;
using AiFlow.Domain.Schemas;

namespace AiFlow.Domain.Steps;

/// <summary>The editable settings of a step version, as an author submits them (mutable for form binding).</summary>
public sealed class StepVersionDraft
{
    public Guid? PromptTemplateVersionId { get; set; }
    public Guid? ModelRouteId { get; set; }
    public Guid? IrSchemaVersionId { get; set; }
    public Guid? MetricProfileId { get; set; }
    public ValidationMode ValidationMode { get; set; } = ValidationMode.Log;
    public string ParamsJson { get; set; } = "{}";
    public double ReviewSamplingRate { get; set; }
    public string? Guidelines { get; set; }
    public CallImportance Importance { get; set; }
    public bool CostSensitive { get; set; }

    public static StepVersionDraft From(StepVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new StepVersionDraft
        {
            PromptTemplateVersionId = version.PromptTemplateVersionId, ModelRouteId = version.ModelRouteId,
            IrSchemaVersionId = version.IrSchemaVersionId, MetricProfileId = version.MetricProfileId, ValidationMode = version.ValidationMode,
            ParamsJson = version.ParamsJson, ReviewSamplingRate = version.ReviewSamplingRate, Guidelines = version.Guidelines,
            Importance = version.Importance, CostSensitive = version.CostSensitive,
        };
    }

    public void ApplyTo(StepVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.PromptTemplateVersionId = PromptTemplateVersionId;
        version.ModelRouteId = ModelRouteId;
        version.IrSchemaVersionId = IrSchemaVersionId;
        version.MetricProfileId = MetricProfileId;
        version.ValidationMode = ValidationMode;
        version.ParamsJson = ParamsJson;
        version.ReviewSamplingRate = ReviewSamplingRate;
        version.Guidelines = string.IsNullOrWhiteSpace(Guidelines) ? null : Guidelines;
        version.Importance = Importance;
        version.CostSensitive = CostSensitive;
    }

    public StepVersionDraft Copy() => (StepVersionDraft)MemberwiseClone();
}
