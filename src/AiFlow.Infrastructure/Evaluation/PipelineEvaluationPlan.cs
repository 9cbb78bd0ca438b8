using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Schemas;
using Microsoft.Extensions.Logging;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>
/// What an end-to-end evaluation needs of its pipeline versions, loaded once: each version as a run loads it, and the
/// metrics of every node the cases check (the node's profile in either version, plus exact match, field F1 and schema
/// validity), keyed <c>node.metric</c>. A case runs the whole DAG through the engine (conditions, retries, timeouts,
/// parallel groups, endpoint limits) with a store that writes nothing, then each checked node's IR is scored.
/// </summary>
internal sealed class PipelineEvaluationPlan
{
    private readonly Dictionary<Guid, LoadedRun> versions;
    private readonly IReadOnlyList<(string Node, EvaluationMetricSpec Spec)> metrics;

    private PipelineEvaluationPlan(Dictionary<Guid, LoadedRun> versions, IReadOnlyList<(string Node, EvaluationMetricSpec Spec)> metrics) =>
        (this.versions, this.metrics) = (versions, metrics);

    public IReadOnlyList<EvaluationMetric> Metrics => [.. metrics.Select(m => m.Spec.Metric)];

    /// <summary>The nodes whose expected IR the cases hold.</summary>
    public static IReadOnlySet<string> CheckedNodes(IEnumerable<EvaluationCase> cases) =>
        cases.SelectMany(c => JsonNode.Parse(c.ExpectedIrJson) is JsonObject o ? o.Select(p => p.Key) : []).ToHashSet(StringComparer.Ordinal);

    public static async Task<PipelineEvaluationPlan> LoadAsync(AiFlowDbContext db, RunLoader loader, IReadOnlyList<Guid> versionIds, IReadOnlySet<string> nodes,
        CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<Guid, LoadedRun>();
        foreach (var id in versionIds)
        {
            loaded[id] = await loader.LoadVersionAsync(db, id, cancellationToken) ?? throw new InvalidOperationException($"Pipeline version {id} no longer exists.");
        }
        var keyed = new List<(string, EvaluationMetricSpec)>();
        foreach (var node in nodes.Order(StringComparer.Ordinal))
        {
            var profiles = loaded.Values.Select(run => run.Plan.Dag.Nodes.FirstOrDefault(n => n.Key == node) is { } n
                ? n.MetricProfileId ?? run.StepVersions.GetValueOrDefault(n.StepVersionId)?.MetricProfileId : null).ToList();
            foreach (var spec in await EvaluationCatalog.MetricsAsync(db, profiles, cancellationToken))
            {
                keyed.Add((node, spec with { Metric = spec.Metric with { Key = $"{node}.{spec.Metric.Key}" } }));
            }
        }
        return new PipelineEvaluationPlan(loaded, keyed);
    }

    /// <summary>Cases that cannot judge the candidate are left out with why: a checked node it lacks, or an expected IR its node's schema refuses.</summary>
    public async Task<(List<SkippedCase>, List<EvaluationCase>)> LeaveOutInvalidAsync(IrValidationService validation, Guid candidate, List<EvaluationCase> cases,
        CancellationToken cancellationToken)
    {
        var run = versions[candidate];
        var skipped = new List<SkippedCase>();
        var kept = new List<EvaluationCase>(cases.Count);
        foreach (var c in cases)
        {
            var reason = await ProblemAsync(validation, run, c, cancellationToken);
            if (reason is null) kept.Add(c);
            else skipped.Add(new SkippedCase(c.ExampleId, reason));
        }
        return (skipped, kept);
    }

    private static async Task<string?> ProblemAsync(IrValidationService validation, LoadedRun run, EvaluationCase c, CancellationToken cancellationToken)
    {
        if (JsonNode.Parse(c.ExpectedIrJson) is not JsonObject expected || expected.Count == 0) return "The example names no node's expected IR.";
        foreach (var (key, ir) in expected)
        {
            if (run.Plan.Dag.Nodes.FirstOrDefault(n => n.Key == key) is not { } node) return $"The candidate pipeline version has no node '{key}'.";
            var schema = run.StepVersions.GetValueOrDefault(node.StepVersionId)?.IrSchemaVersionId;
            var outcome = await validation.ValidateStrictlyAsync(schema, ir?.ToJsonString() ?? "null", cancellationToken);
            if (!outcome.IsValid) return $"The expected IR of node '{key}' fails its IR schema: {outcome.Errors[0].InstanceLocation} {outcome.Errors[0].Message}".Trim();
        }
        return null;
    }

    /// <summary>
    /// Runs one case on one side through the engine and scores each checked node. A case whose run failed before a checked
    /// node produced IR is errored (counted apart); a checked node the version skipped (a condition) counts as an empty output.
    /// </summary>
    public async Task<(EvaluationResult, IReadOnlyList<AiRequestLog>)> ScoreAsync(Guid evaluationId, EvaluationCase c, EvaluationSide side, Guid versionId,
        Func<LoadedRun, IStepExecutor> steps, ExecutionOptions options, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var template = versions[versionId];
        var run = template with { Plan = template.Plan with { RunId = Guid.CreateVersion7(), Input = JsonNode.Parse(c.InputJson) } };
        var store = new EvaluationRunStore(run, $"eval:{evaluationId:N}:{c.ExampleId:N}:{side}");
        var status = await new RunEngine(store, new EvaluationStepExecutor(run, steps(run)), clock, options, logger).RunAsync(run.Plan, cancellationToken);
        var result = new EvaluationResult
        {
            EvaluationRunId = evaluationId, GroundTruthExampleId = c.ExampleId, GroundTruthVersionId = c.VersionId, Side = side,
            LatencyMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, CostUsd = store.Attempts.Sum(a => a.CostUsd),
            TokensIn = store.Attempts.Sum(a => a.TokensIn), TokensOut = store.Attempts.Sum(a => a.TokensOut), CreatedAt = clock.GetUtcNow(),
        };
        var expected = JsonNode.Parse(c.ExpectedIrJson) as JsonObject ?? [];
        var actual = new JsonObject();
        foreach (var (node, _) in expected)
        {
            if (store.Latest.TryGetValue(node, out var done) && done.Outcome == StepOutcome.Completed && done.IrJson is not null)
            {
                actual[node] = JsonNode.Parse(done.IrJson);
            }
            else if (status == Domain.Runs.RunStatus.Failed)
            {
                result.Errored = true;
                result.Error = store.Latest.Where(p => p.Value.Outcome == StepOutcome.Failed).Select(p => $"Node '{p.Key}' failed: {p.Value.Error}").FirstOrDefault()
                    ?? $"The run failed before node '{node}' produced IR.";
            }
        }
        result.ActualIrJson = actual.ToJsonString();
        if (result.Errored) return (result, store.RequestLogs);

        var details = new JsonObject();
        var passed = true;
        foreach (var (node, metric) in metrics)
        {
            if (!expected.ContainsKey(node)) continue;
            var outcome = store.Latest.GetValueOrDefault(node);
            var facts = new StepFacts(outcome?.LatencyMs ?? 0, outcome?.TokensIn ?? 0, outcome?.TokensOut ?? 0, (double)(outcome?.CostUsd ?? 0), outcome?.IrValid);
            var value = metric.Function.Compute(new MetricInput(actual[node] ?? new JsonObject(), expected[node], SchemaOf(run, node), metric.Parameters, facts));
            result.Metrics[metric.Metric.Key] = value.Value;
            if (value.Details is not null) details[metric.Metric.Key] = value.Details;
            if (value.Value is { } v && MetricEvaluation.Passed(v, metric.Target, metric.Metric.Direction) == false) passed = false;
        }
        result.Passed = passed && expected.All(p => store.Latest.GetValueOrDefault(p.Key)?.IrValid != false);
        result.DetailsJson = details.Count == 0 ? null : details.ToJsonString();
        return (result, store.RequestLogs);
    }

    private static JsonElement? SchemaOf(LoadedRun run, string nodeKey) =>
        run.Plan.Dag.Nodes.FirstOrDefault(n => n.Key == nodeKey) is { } node && run.StepVersions.GetValueOrDefault(node.StepVersionId)?.IrSchemaVersionId is { } id
            && run.IrSchemas.TryGetValue(id, out var schema) ? schema : null;
}
