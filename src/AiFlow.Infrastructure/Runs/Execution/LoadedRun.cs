using System.Text.Json;
using AiFlow.Domain.Metrics;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>A run's plan plus the catalogue entries its steps need, loaded in one go when a worker takes the run.</summary>
public sealed record LoadedRun(
    RunPlan Plan,
    IReadOnlyDictionary<Guid, StepVersionSpec> StepVersions,
    IReadOnlyDictionary<string, (Guid Id, MetricDirection Direction)> MetricDefinitions,
    IReadOnlyDictionary<Guid, IReadOnlyList<MetricTarget>> MetricProfiles,
    IReadOnlySet<string> PendingRetries,
    IReadOnlyDictionary<Guid, (string System, string Template)> Prompts,
    IReadOnlyDictionary<Guid, JsonElement> IrSchemas);
