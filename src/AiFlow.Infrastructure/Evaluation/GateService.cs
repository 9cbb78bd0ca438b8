using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Judges;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>Gate policies per pipeline, and the gate's check of a pipeline version against the active one.</summary>
public sealed class GateService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    private const int WorstCasesShown = 5;

    public async Task<GatePolicy?> GetPolicyAsync(string pipelineKey, CancellationToken cancellationToken) =>
        (await FindPolicyAsync(pipelineKey, cancellationToken)).Policy;

    /// <summary>The pipeline's policy (null when it has none), and whether the pipeline exists: a caller can say which is missing.</summary>
    public async Task<(bool PipelineExists, GatePolicy? Policy)> FindPolicyAsync(string pipelineKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pipeline = await db.PipelineDefinitions.AsNoTracking().Where(d => d.Key == pipelineKey).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (pipeline is null) return (false, null);
        return (true, await db.GatePolicies.AsNoTracking().FirstOrDefaultAsync(p => p.PipelineDefinitionId == pipeline, cancellationToken));
    }

    /// <summary>Creates or replaces the pipeline's policy; null with the problems when refused, nothing saved then.</summary>
    public async Task<(GatePolicy? Saved, IReadOnlyList<string> Problems, bool NotFound, bool Stale)> SavePolicyAsync(string pipelineKey, IReadOnlyList<GateRule> rules,
        int minCases, string? tag, bool endToEnd, uint? expectedVersion, string? user, CancellationToken cancellationToken, JudgeBar? judgeBar = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pipeline = await db.PipelineDefinitions.AsNoTracking().Where(d => d.Key == pipelineKey).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (pipeline is null) return (null, [$"There is no pipeline '{pipelineKey}'."], true, false);
        var known = (await db.MetricDefinitions.AsNoTracking().Select(d => d.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var problems = Check(rules, minCases, known);
        if (judgeBar is { } bar && (!double.IsFinite(bar.MinAgreement) || bar.MinAgreement is < -1 or > 1)) problems.Add("/judgeMinAgreement: must be a number from -1 to 1.");
        if (judgeBar is { MinItems: < 2 or > 1_000_000 }) problems.Add("/judgeMinItems: must be between 2 and 1,000,000.");
        if (problems.Count > 0) return (null, problems, false, false);

        var policy = await db.GatePolicies.FirstOrDefaultAsync(p => p.PipelineDefinitionId == pipeline, cancellationToken);
        if (policy is null)
        {
            policy = new GatePolicy { PipelineDefinitionId = pipeline.Value };
            db.GatePolicies.Add(policy);
        }
        else if (expectedVersion is { } v && v != policy.Version)
        {
            return (null, [$"The policy was changed by {policy.UpdatedBy ?? "someone"} at {policy.UpdatedAt:u}; reload it and try again."], false, true);
        }
        policy.Rules = [.. rules];
        policy.MinCases = minCases;
        policy.EndToEnd = endToEnd;
        policy.Tag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim();
        if (judgeBar is not null) (policy.JudgeMinAgreement, policy.JudgeMinItems) = (judgeBar.MinAgreement, judgeBar.MinItems);
        policy.UpdatedAt = clock.GetUtcNow();
        policy.UpdatedBy = user;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, ["The policy was changed at the same moment; reload it and try again."], false, true);
        }
        return (policy, [], false, false);
    }

    private static List<string> Check(IReadOnlyList<GateRule> rules, int minCases, HashSet<string> known)
    {
        var problems = new List<string>();
        if (minCases is < 1 or > 1_000_000) problems.Add("/minCases: must be between 1 and 1,000,000.");
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (!known.Contains(rule.Metric) && !MetricFunctionCatalog.TryGet(rule.Metric, out _)) problems.Add($"/rules/{i}/metric: '{rule.Metric}' is not a defined metric.");
            if (rule.MaxRegression is null && rule.Floor is null) problems.Add($"/rules/{i}: give a maxRegression, a floor, or both.");
            if (rule.MaxRegression is { } r && (!double.IsFinite(r) || r < 0)) problems.Add($"/rules/{i}/maxRegression: must be a finite number ≥ 0.");
            if (rule.Floor is { } f && !double.IsFinite(f)) problems.Add($"/rules/{i}/floor: must be a finite number.");
            if (rules.Take(i).Any(r => r.Metric == rule.Metric)) problems.Add($"/rules/{i}/metric: '{rule.Metric}' has a rule already.");
        }
        return problems;
    }

    /// <summary>The gate's report for version <paramref name="number"/> of the pipeline <paramref name="pipelineKey"/>; null when there is no such version.</summary>
    public async Task<GateReport?> CheckVersionAsync(string pipelineKey, int number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.PipelineVersions.AsNoTracking().Where(v => v.PipelineDefinition!.Key == pipelineKey && v.Number == number)
            .Select(v => new { v.Id, v.PipelineDefinitionId }).FirstOrDefaultAsync(cancellationToken);
        return version is null ? null : await CheckAsync(version.PipelineDefinitionId, version.Id, cancellationToken);
    }

    /// <summary>
    /// The gate for activating <paramref name="candidateVersionId"/>: each step version that differs from the active
    /// pipeline version's is judged on its newest completed evaluation, on the step's newest dataset version, against the
    /// version the active pipeline uses.
    /// </summary>
    public async Task<GateReport> CheckAsync(Guid pipelineDefinitionId, Guid candidateVersionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var policy = await db.GatePolicies.AsNoTracking().FirstOrDefaultAsync(p => p.PipelineDefinitionId == pipelineDefinitionId, cancellationToken);
        if (policy is null) return GateReport.NotGated;
        if (policy.EndToEnd) return await EndToEndAsync(db, policy, candidateVersionId, cancellationToken);
        var candidate = await db.PipelineVersions.AsNoTracking().Where(v => v.Id == candidateVersionId).Select(v => v.Dag).FirstAsync(cancellationToken);
        var active = await db.PipelineVersions.AsNoTracking().Where(v => v.PipelineDefinitionId == pipelineDefinitionId && v.IsActive).Select(v => v.Dag).FirstOrDefaultAsync(cancellationToken);
        var activeIds = active?.Nodes.Select(n => n.StepVersionId).ToHashSet() ?? [];
        var changedIds = candidate.Nodes.Select(n => n.StepVersionId).Where(id => !activeIds.Contains(id)).Distinct().ToList();
        var allIds = changedIds.Concat(activeIds).ToList();
        var versions = await db.StepVersions.AsNoTracking().Where(v => allIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Number, v.StepDefinitionId, Key = v.StepDefinition!.Key }).ToDictionaryAsync(v => v.Id, cancellationToken);

        var evidence = new List<StepGateEvidence>();
        foreach (var id in changedIds)
        {
            if (!versions.TryGetValue(id, out var version)) continue;
            var baseline = activeIds.Select(a => versions.GetValueOrDefault(a)).FirstOrDefault(a => a?.StepDefinitionId == version.StepDefinitionId);
            var dataset = await db.DatasetVersions.AsNoTracking().Where(d => d.Scope == GroundTruthScope.Step && d.ScopeId == version.StepDefinitionId)
                .OrderByDescending(d => d.Number).Select(d => new { d.Id, d.Number }).FirstOrDefaultAsync(cancellationToken);
            var evaluation = dataset is null ? null : await db.EvaluationRuns.AsNoTracking()
                .Where(e => e.StepVersionId == id && e.DatasetVersionId == dataset.Id && e.Status == EvaluationStatus.Completed && e.Tag == policy.Tag
                    && (baseline == null || e.BaselineVersionId == baseline.Id))
                .OrderByDescending(e => e.FinishedAt).FirstOrDefaultAsync(cancellationToken);
            var worst = evaluation is null ? new Dictionary<string, IReadOnlyList<Guid>>() : await WorstCasesAsync(db, evaluation, policy, cancellationToken);
            evidence.Add(new StepGateEvidence(version.Key, version.Number, baseline?.Number, dataset?.Number, evaluation?.Id,
                evaluation?.CasesDone - evaluation?.CasesErrored ?? 0, evaluation?.Aggregates ?? [], worst));
        }
        var findings = GateJudge.Judge(policy, evidence, await JudgeStandingsAsync(db, policy, cancellationToken));
        return new GateReport(true, findings.Count == 0, findings, evidence);
    }

    /// <summary>
    /// The end-to-end gate: the newest completed evaluation of the pipeline version on the pipeline's newest dataset version
    /// (with the policy's tag, against the active version), judged node by node: every rule applies to each node the cases
    /// check, reported as <c>pipeline/node</c>.
    /// </summary>
    private static async Task<GateReport> EndToEndAsync(AiFlowDbContext db, GatePolicy policy, Guid candidateVersionId, CancellationToken cancellationToken)
    {
        var candidate = await db.PipelineVersions.AsNoTracking().Where(v => v.Id == candidateVersionId)
            .Select(v => new { v.Number, v.Dag, Key = v.PipelineDefinition!.Key }).FirstAsync(cancellationToken);
        var active = await db.PipelineVersions.AsNoTracking().Where(v => v.PipelineDefinitionId == policy.PipelineDefinitionId && v.IsActive)
            .Select(v => new { v.Id, v.Number }).FirstOrDefaultAsync(cancellationToken);
        Guid? baselineId = active is null || active.Id == candidateVersionId ? null : active.Id;
        var dataset = await db.DatasetVersions.AsNoTracking().Where(d => d.Scope == GroundTruthScope.Pipeline && d.ScopeId == policy.PipelineDefinitionId)
            .OrderByDescending(d => d.Number).Select(d => new { d.Id, d.Number }).FirstOrDefaultAsync(cancellationToken);
        var evaluation = dataset is null ? null : await db.EvaluationRuns.AsNoTracking()
            .Where(e => e.PipelineVersionId == candidateVersionId && e.DatasetVersionId == dataset.Id && e.Status == EvaluationStatus.Completed && e.Tag == policy.Tag
                && e.BaselineVersionId == baselineId)
            .OrderByDescending(e => e.FinishedAt).FirstOrDefaultAsync(cancellationToken);
        var evidence = new List<StepGateEvidence>();
        var cases = evaluation?.CasesDone - evaluation?.CasesErrored ?? 0;
        foreach (var node in candidate.Dag.Nodes.Select(n => n.Key + "."))
        {
            if (evaluation is null || !evaluation.Aggregates.Any(a => a.Metric.StartsWith(node, StringComparison.Ordinal))) continue;
            var aggregates = evaluation.Aggregates.Where(a => a.Metric.StartsWith(node, StringComparison.Ordinal)).Select(a => a with { Metric = a.Metric[node.Length..] }).ToList();
            evidence.Add(new StepGateEvidence($"{candidate.Key}/{node[..^1]}", candidate.Number, active?.Number, dataset!.Number, evaluation.Id, cases, aggregates,
                await WorstCasesAsync(db, evaluation, policy, cancellationToken, node)));
        }
        if (evidence.Count == 0)
        {
            evidence.Add(new StepGateEvidence(candidate.Key, candidate.Number, active?.Number, dataset?.Number, evaluation?.Id, cases, [], new Dictionary<string, IReadOnlyList<Guid>>()));
        }
        var findings = GateJudge.Judge(policy, evidence, await JudgeStandingsAsync(db, policy, cancellationToken));
        return new GateReport(true, findings.Count == 0, findings, evidence, EndToEnd: true);
    }

    /// <summary>For each rule whose metric a judge scores, that judge's current standing with people.</summary>
    private static async Task<Dictionary<string, JudgeStanding>> JudgeStandingsAsync(AiFlowDbContext db, GatePolicy policy, CancellationToken cancellationToken)
    {
        var metrics = policy.Rules.Select(r => r.Metric).ToList();
        var judged = await db.MetricDefinitions.AsNoTracking().Where(d => metrics.Contains(d.Key) && d.Function == MetricFunctionCatalog.Judge.Key)
            .Select(d => new { d.Key, d.ParametersJson }).ToListAsync(cancellationToken);
        var standings = new Dictionary<string, JudgeStanding>(StringComparer.Ordinal);
        foreach (var metric in judged)
        {
            var judge = MetricFunctionCatalog.JudgeKeyOf(MetricFunctionCatalog.Judge, System.Text.Json.Nodes.JsonNode.Parse(metric.ParametersJson) as System.Text.Json.Nodes.JsonObject ?? []);
            var standing = judge is null ? null : await JudgeAgreementService.StandingAsync(db, judge, cancellationToken);
            // A metric whose judge is gone cannot have earned anything: it stands at nothing on no items.
            standings[metric.Key] = standing ?? new JudgeStanding(judge ?? "?", 0, JudgeAgreement.Kappa, null, 0);
        }
        return standings;
    }

    /// <summary>Per rule metric, the cases where the candidate fell furthest behind the baseline, worst first; <paramref name="prefix"/> is an end-to-end evaluation's <c>node.</c>.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<Guid>>> WorstCasesAsync(AiFlowDbContext db, EvaluationRun evaluation, GatePolicy policy, CancellationToken cancellationToken,
        string prefix = "")
    {
        var results = await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationRunId == evaluation.Id && !r.Errored)
            .Select(r => new { r.GroundTruthExampleId, r.Side, r.Metrics }).ToListAsync(cancellationToken);
        var candidate = results.Where(r => r.Side == EvaluationSide.Candidate).ToDictionary(r => r.GroundTruthExampleId, r => r.Metrics);
        var baseline = results.Where(r => r.Side == EvaluationSide.Baseline).ToDictionary(r => r.GroundTruthExampleId, r => r.Metrics);
        var worst = new Dictionary<string, IReadOnlyList<Guid>>(StringComparer.Ordinal);
        foreach (var rule in policy.Rules)
        {
            if (evaluation.Aggregates.FirstOrDefault(a => a.Metric == prefix + rule.Metric) is not { } aggregate) continue;
            var metric = new EvaluationMetric(aggregate.Metric, aggregate.Aggregation, aggregate.Direction);
            worst[rule.Metric] = [.. candidate
                .Select(c => (c.Key, Delta: EvaluationScoring.CaseDelta(metric, c.Value, baseline.GetValueOrDefault(c.Key))
                    ?? (c.Value.GetValueOrDefault(aggregate.Metric) is { } v ? (aggregate.Direction == Domain.Metrics.MetricDirection.HigherIsBetter ? v : -v) : null)))
                .Where(c => c.Delta is not null && c.Delta < 0 || rule.Floor is not null && c.Delta is not null)
                .OrderBy(c => c.Delta).ThenBy(c => c.Key).Take(WorstCasesShown).Select(c => c.Key)];
        }
        return worst;
    }
}
