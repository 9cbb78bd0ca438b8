using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// Reads a run's committed state into a <see cref="RunPlan"/>, so a recovered run resumes where it stopped, with the
/// catalogue entries (step versions, prompts, IR schemas, metrics) its steps need, so executing it reads nothing more.
/// Runs in the caller's transaction: the worker takes the lease and loads the run in one commit.
/// </summary>
public sealed class RunLoader(RedactionReader? redactions = null)
{
    // Published versions keep their DAG, prompts and schemas (drafts do not: test runs can pin them while they are
    // edited), so a worker reads a published version's catalogue at most every CatalogLifetime instead of with five
    // queries per run. Not forever: the Review settings page still changes a published step's reviewers and labels.
    private static readonly TimeSpan CatalogLifetime = TimeSpan.FromSeconds(10);
    private const int MaxCachedVersions = 1_000;
    private readonly ConcurrentDictionary<Guid, RunCatalog> catalogs = new();

    private sealed record RunCatalog(
        PipelineDag Dag,
        Dictionary<Guid, StepVersionSpec> StepVersions,
        Dictionary<Guid, PromptTemplateVersion> Prompts,
        Dictionary<Guid, JsonElement> Schemas)
    {
        public long ReadAt { get; } = Stopwatch.GetTimestamp();

        public bool IsFresh => Stopwatch.GetElapsedTime(ReadAt) < CatalogLifetime;
    }

    public async Task<LoadedRun?> LoadAsync(AiFlowDbContext db, Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.PipelineRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return null;
        var catalog = catalogs.TryGetValue(run.PipelineVersionId, out var cached) && cached.IsFresh ? cached : await LoadCatalogAsync(db, run.PipelineVersionId, cancellationToken);
        var (dag, stepVersions, prompts, schemas) = catalog;

        var (metricDefinitions, profiles) = await MetricsAsync(db, cancellationToken);

        var steps = await db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId).ToListAsync(cancellationToken);
        var latest = steps.GroupBy(s => s.NodeKey).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Attempt).First(), StringComparer.Ordinal);
        var completedIds = latest.Values.Where(s => s.Status == StepRunStatus.Completed).Select(s => s.Id).ToList();
        // A fresh run (the usual case) has completed nothing yet: two round trips saved.
        var artifacts = completedIds.Count == 0 ? [] : await db.IrArtifacts.AsNoTracking().Where(a => completedIds.Contains(a.StepRunId))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new ArtifactRow(a.Id, a.StepRunId, a.IrJson)).ToListAsync(cancellationToken);
        var metrics = completedIds.Count == 0 ? [] : await db.MetricResults.AsNoTracking().Where(m => completedIds.Contains(m.StepRunId) && m.Value != null)
            .Select(m => new MetricRow(m.StepRunId, m.MetricKey, m.Value!.Value)).ToListAsync(cancellationToken);

        // Where the redaction policy keeps sealed originals, the run goes on with what it was given and produced, not
        // with the redacted text the database shows everyone else.
        var originals = redactions is { KeepsOriginals: true }
            ? await redactions.OriginalsAsync(db, [run.Id, .. artifacts.Select(a => a.Id)], cancellationToken)
            : [];
        var progress = new Dictionary<string, NodeProgress>(StringComparer.Ordinal);
        foreach (var node in dag.Nodes)
        {
            if (!latest.TryGetValue(node.Key, out var step)) continue;
            var p = new NodeProgress { Attempt = step.Attempt };
            switch (step.Status)
            {
                case StepRunStatus.Completed:
                    p.State = NodeState.Completed;
                    // A reviewer's decision adds a newer artifact to a human-review step: the newest one flows on.
                    var artifact = artifacts.LastOrDefault(a => a.StepRunId == step.Id);
                    var ir = artifact is null ? null : originals.GetValueOrDefault((artifact.Id, nameof(IrArtifact.IrJson)), artifact.IrJson);
                    p.Ir = ir is null ? null : JsonNode.Parse(ir);
                    p.Metrics = metrics.Where(m => m.StepRunId == step.Id).ToDictionary(m => m.MetricKey, m => m.Value, StringComparer.Ordinal);
                    break;
                case StepRunStatus.Running:
                    // Its worker died mid-call: re-execute this very attempt with the same idempotency key.
                    p.State = NodeState.Running;
                    p.InFlight = new StepAttempt(step.Id, step.NodeKey, step.StepVersionId, step.Attempt, step.IdempotencyKey,
                        JsonNode.Parse(step.ParamsJson) as JsonObject ?? []);
                    break;
                case StepRunStatus.Failed when step.Attempt > 0 && step.Attempt <= node.Retries:
                    // Failed with retries left when the worker stopped: the next attempt follows.
                    p.State = NodeState.Pending;
                    break;
                case StepRunStatus.Failed or StepRunStatus.Cancelled:
                    p.State = NodeState.Failed;
                    break;
                case StepRunStatus.Skipped:
                    p.State = NodeState.Skipped;
                    break;
                case StepRunStatus.Pending:
                    // A retry requested by ops: the engine starts exactly this attempt.
                    p.State = NodeState.Pending;
                    p.Attempt = step.Attempt - 1;
                    break;
                case StepRunStatus.WaitingForReview:
                    p.State = NodeState.WaitingForReview;
                    break;
                default:
                    p.State = NodeState.Pending;
                    break;
            }
            progress[node.Key] = p;
        }

        var input = JsonNode.Parse(originals.GetValueOrDefault((run.Id, nameof(PipelineRun.InputJson)), run.InputJson));
        var pendingRetries = latest.Values.Where(s => s.Status == StepRunStatus.Pending)
            .ToDictionary(s => s.NodeKey, s => (s.Id, s.Attempt), StringComparer.Ordinal);
        return new LoadedRun(new RunPlan(run.Id, dag, input, progress), stepVersions, metricDefinitions, profiles, pendingRetries, prompts, schemas,
            run.Importance, run.CostSensitive);
    }

    /// <summary>
    /// A pipeline version as a fresh run would load it, with no run row behind it: what end-to-end evaluations run each case
    /// on (with their own plan per case). Null when there is no such version.
    /// </summary>
    public async Task<LoadedRun?> LoadVersionAsync(AiFlowDbContext db, Guid pipelineVersionId, CancellationToken cancellationToken)
    {
        if (!await db.PipelineVersions.AsNoTracking().AnyAsync(v => v.Id == pipelineVersionId, cancellationToken)) return null;
        var catalog = catalogs.TryGetValue(pipelineVersionId, out var cached) && cached.IsFresh ? cached : await LoadCatalogAsync(db, pipelineVersionId, cancellationToken);
        var (metricDefinitions, profiles) = await MetricsAsync(db, cancellationToken);
        return new LoadedRun(new RunPlan(Guid.Empty, catalog.Dag, null, new Dictionary<string, NodeProgress>()), catalog.StepVersions, metricDefinitions, profiles,
            new Dictionary<string, (Guid, int)>(), catalog.Prompts, catalog.Schemas);
    }

    private static async Task<(Dictionary<string, MetricSpec>, Dictionary<Guid, IReadOnlyList<MetricTarget>>)> MetricsAsync(AiFlowDbContext db, CancellationToken cancellationToken)
    {
        var definitions = (await db.MetricDefinitions.AsNoTracking().Select(m => new { m.Key, m.Id, m.Direction, m.Function, m.ParametersJson }).ToListAsync(cancellationToken))
            .ToDictionary(m => m.Key, m => MetricSpec.Of(m.Id, m.Direction, m.Function, m.ParametersJson), StringComparer.Ordinal);
        var profiles = (await db.MetricProfiles.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(p => p.Id, p => (IReadOnlyList<MetricTarget>)p.Targets);
        return (definitions, profiles);
    }

    private async Task<RunCatalog> LoadCatalogAsync(AiFlowDbContext db, Guid pipelineVersionId, CancellationToken cancellationToken)
    {
        var version = await db.PipelineVersions.AsNoTracking().FirstAsync(v => v.Id == pipelineVersionId, cancellationToken);
        var dag = version.Dag;
        var versionIds = dag.Nodes.Select(n => n.StepVersionId).Distinct().ToList();
        var specs = await db.StepVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.StepDefinitionId, Key = v.StepDefinition!.Key, v.StepDefinition.Kind, v.ParamsJson, v.PromptTemplateVersionId, v.ModelRouteId, v.IrSchemaVersionId, v.ValidationMode, v.MetricProfileId, v.ReviewSamplingRate, v.ReviewersNeeded, v.Status, v.Importance, v.CostSensitive })
            .ToListAsync(cancellationToken);
        var stepVersions = specs.ToDictionary(s => s.Id, s => new StepVersionSpec(s.Id, s.Key, s.Kind,
            JsonNode.Parse(s.ParamsJson) as JsonObject ?? [], s.PromptTemplateVersionId, s.ModelRouteId, s.IrSchemaVersionId,
            s.ValidationMode, s.MetricProfileId, s.ReviewSamplingRate, s.ReviewersNeeded, s.StepDefinitionId, s.Importance, s.CostSensitive));

        var promptIds = specs.Where(s => s.PromptTemplateVersionId is not null).Select(s => s.PromptTemplateVersionId!.Value).Distinct().ToList();
        var prompts = promptIds.Count == 0 ? [] : await db.PromptTemplateVersions.AsNoTracking().Where(v => promptIds.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, cancellationToken);
        var schemaIds = specs.Where(s => s.IrSchemaVersionId is not null).Select(s => s.IrSchemaVersionId!.Value).Distinct().ToList();
        var schemas = schemaIds.Count == 0 ? [] : (await db.IrSchemaVersions.AsNoTracking().Where(v => schemaIds.Contains(v.Id))
            .Select(v => new { v.Id, v.SchemaJson }).ToListAsync(cancellationToken))
            .ToDictionary(v => v.Id, v => ParseSchema(v.SchemaJson));

        var catalog = new RunCatalog(dag, stepVersions, prompts, schemas);
        // Prompt and schema versions are immutable once written; the pipeline and step versions must be published.
        if (version.Status == VersionStatus.Published && specs.All(s => s.Status == VersionStatus.Published))
        {
            // Runs read the cached nodes concurrently: parse them fully now, since JsonNode fills itself in lazily.
            foreach (var node in dag.Nodes) Materialize(node.Params);
            foreach (var spec in stepVersions.Values) Materialize(spec.Params);
            if (catalogs.Count >= MaxCachedVersions) catalogs.Clear();
            catalogs[pipelineVersionId] = catalog;
        }
        return catalog;
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o) Materialize(value);
                break;
            case JsonArray a:
                foreach (var item in a) Materialize(item);
                break;
        }
    }

    private sealed record ArtifactRow(Guid Id, Guid StepRunId, string IrJson);

    private sealed record MetricRow(Guid StepRunId, string MetricKey, double Value);

    private static JsonElement ParseSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
