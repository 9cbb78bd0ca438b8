using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>
/// What an evaluation needs of its step versions, loaded once: each version as the engine runs it (with the node params
/// of the active pipeline that uses the step, since a transform's template or a node's overrides live there), and the
/// metrics to compute: every metric of either version's profile, plus exact match, field F1 and schema validity, which
/// every step with ground truth can be measured on.
/// </summary>
internal sealed record EvaluationCatalog(LoadedRun Run, IReadOnlyDictionary<Guid, DagNode> Nodes, IReadOnlyList<EvaluationMetricSpec> Metrics)
{
    private static readonly string[] Always = ["exact_match", "field_f1", "schema_valid"];

    public static async Task<EvaluationCatalog> LoadAsync(AiFlowDbContext db, Guid evaluationId, IReadOnlyList<Guid> stepVersionIds, CancellationToken cancellationToken)
    {
        var versions = await db.StepVersions.AsNoTracking().Where(v => stepVersionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.StepDefinitionId, Key = v.StepDefinition!.Key, v.StepDefinition.Kind, v.ParamsJson, v.PromptTemplateVersionId, v.ModelRouteId, v.IrSchemaVersionId, v.ValidationMode, v.MetricProfileId })
            .ToListAsync(cancellationToken);
        var definitionId = versions.Select(v => v.StepDefinitionId).FirstOrDefault();
        var sameStep = db.StepVersions.Where(v => v.StepDefinitionId == definitionId).Select(v => v.Id);
        var activeDags = await db.PipelineVersions.AsNoTracking().Where(p => p.IsActive).Select(p => p.Dag).ToListAsync(cancellationToken);
        var stepIds = await sameStep.ToListAsync(cancellationToken);
        var usedBy = activeDags.SelectMany(d => d.Nodes).FirstOrDefault(n => stepIds.Contains(n.StepVersionId));

        var specs = new Dictionary<Guid, StepVersionSpec>();
        var nodes = new Dictionary<Guid, DagNode>();
        foreach (var v in versions)
        {
            var parameters = JsonNode.Parse(v.ParamsJson) as JsonObject ?? [];
            foreach (var (key, value) in usedBy?.Params ?? []) parameters[key] = value?.DeepClone();
            // No profile and no sampling: the evaluator computes the metrics and nothing is queued for review.
            specs[v.Id] = new StepVersionSpec(v.Id, v.Key, v.Kind, parameters, v.PromptTemplateVersionId, v.ModelRouteId, v.IrSchemaVersionId,
                v.ValidationMode, null, 0, 1, v.StepDefinitionId);
            nodes[v.Id] = new DagNode { Key = usedBy?.Key ?? v.Key, StepVersionId = v.Id, Params = parameters };
        }
        var promptIds = versions.Where(v => v.PromptTemplateVersionId is not null).Select(v => v.PromptTemplateVersionId!.Value).ToList();
        var prompts = await db.PromptTemplateVersions.AsNoTracking().Where(p => promptIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var schemaIds = versions.Where(v => v.IrSchemaVersionId is not null).Select(v => v.IrSchemaVersionId!.Value).ToList();
        var schemas = (await db.IrSchemaVersions.AsNoTracking().Where(s => schemaIds.Contains(s.Id)).Select(s => new { s.Id, s.SchemaJson }).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Id, s => JsonDocument.Parse(s.SchemaJson).RootElement.Clone());

        var run = new LoadedRun(new RunPlan(evaluationId, new PipelineDag { Nodes = [.. nodes.Values] }, null, new Dictionary<string, NodeProgress>()),
            specs, new Dictionary<string, MetricSpec>(), new Dictionary<Guid, IReadOnlyList<MetricTarget>>(), new Dictionary<string, (Guid, int)>(), prompts, schemas);
        return new EvaluationCatalog(run, nodes, await MetricsAsync(db, [.. versions.Select(v => v.MetricProfileId)], cancellationToken));
    }

    internal static async Task<List<EvaluationMetricSpec>> MetricsAsync(AiFlowDbContext db, List<Guid?> profileIds, CancellationToken cancellationToken)
    {
        var ids = profileIds.Where(p => p is not null).Select(p => p!.Value).ToList();
        var targets = (await db.MetricProfiles.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken))
            .OrderBy(p => ids.IndexOf(p.Id)).SelectMany(p => p.Targets).GroupBy(t => t.MetricKey, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var keys = targets.Select(t => t.MetricKey).ToList();
        var definitions = await db.MetricDefinitions.AsNoTracking().Where(d => keys.Contains(d.Key)).ToDictionaryAsync(d => d.Key, cancellationToken);
        var metrics = new List<EvaluationMetricSpec>();
        foreach (var target in targets)
        {
            if (!definitions.TryGetValue(target.MetricKey, out var d) || !MetricFunctionCatalog.TryGet(d.Function, out var function)) continue;
            metrics.Add(new EvaluationMetricSpec(new EvaluationMetric(d.Key, d.Aggregation, d.Direction), function,
                JsonNode.Parse(d.ParametersJson) as JsonObject ?? [], target.Target));
        }
        foreach (var key in Always)
        {
            if (metrics.Any(m => m.Function.Key == key || m.Metric.Key == key) || !MetricFunctionCatalog.TryGet(key, out var function)) continue;
            metrics.Add(new EvaluationMetricSpec(new EvaluationMetric(key, MetricAggregation.Mean, MetricDirection.HigherIsBetter), function, [], null));
        }
        return metrics;
    }
}
