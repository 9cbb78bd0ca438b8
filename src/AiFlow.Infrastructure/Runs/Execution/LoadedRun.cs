using System.Text.Json;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Metrics;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// A run's plan plus the catalogue entries its steps need, loaded in one go when a worker takes the run. A pending retry
/// (an ops retry's row, attempt not yet started) is taken over by that attempt rather than joined by a second row.
/// </summary>
public sealed record LoadedRun(
    RunPlan Plan,
    IReadOnlyDictionary<Guid, StepVersionSpec> StepVersions,
    IReadOnlyDictionary<string, MetricSpec> MetricDefinitions,
    IReadOnlyDictionary<Guid, IReadOnlyList<MetricTarget>> MetricProfiles,
    IReadOnlyDictionary<string, (Guid StepRunId, int Attempt)> PendingRetries,
    IReadOnlyDictionary<Guid, AiFlow.Domain.Prompts.PromptTemplateVersion> Prompts,
    IReadOnlyDictionary<Guid, JsonElement> IrSchemas,
    CallImportance? Importance = null,
    bool? CostSensitive = null);
