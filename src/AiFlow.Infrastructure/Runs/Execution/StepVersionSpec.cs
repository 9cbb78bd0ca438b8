using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>What the engine needs of a pinned step version, loaded once per run.</summary>
public sealed record StepVersionSpec(
    Guid Id,
    string StepKey,
    StepKind Kind,
    JsonObject Params,
    Guid? PromptTemplateVersionId,
    Guid? ModelRouteId,
    Guid? IrSchemaVersionId,
    ValidationMode ValidationMode,
    Guid? MetricProfileId,
    double ReviewSamplingRate,
    int ReviewersNeeded,
    Guid StepDefinitionId = default,
    CallImportance Importance = CallImportance.Normal,
    bool CostSensitive = false);
