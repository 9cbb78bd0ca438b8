using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Judges;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>
/// The body of an evaluation's Quartz job: runs the candidate and the baseline step version on every case of the pinned
/// dataset version not yet scored, through the engine's own step executor (so prompts, routes, endpoint limits, IR
/// validation and accounting are exactly a run's), computes the metrics against the case's expected IR and writes the
/// results in batches with the progress. Resumed after a crash it skips what was committed; at the end it aggregates.
/// A pipeline evaluation runs each case through the engine end to end instead (see <see cref="PipelineEvaluationPlan"/>);
/// batching, resuming and cancelling are the same.
/// </summary>
public sealed partial class EvaluationExecutor(
    IDbContextFactory<AiFlowDbContext> contexts,
    IInferenceGateway gateway,
    IInferenceAccounting accounting,
    StepKindExecutorFactory stepKinds,
    IrValidationService validation,
    TimeProvider clock,
    IOptions<EvaluationOptions> options,
    IOptions<ExecutionOptions> execution,
    RunLoader loader,
    RegressionWebhook webhook,
    ILogger<EvaluationExecutor> logger)
{
    /// <summary>The evaluation meter: AiFlow's own time per case (everything but the model call) and per committed batch.</summary>
    public static readonly Meter Meter = new("AiFlow.Evaluations");
    private static readonly Histogram<double> CaseOverhead = Meter.CreateHistogram<double>("aiflow.evaluation.case_overhead", "ms",
        "Time to score one case on one side, minus the model call's latency: rendering, parsing, validation and metrics.");
    private static readonly Counter<long> Regressions = Meter.CreateCounter<long>("aiflow.evaluation.regressions", null,
        "Scheduled evaluations that found a metric worse than in the step's previous scheduled evaluation.");
    private static readonly Histogram<double> BatchWrite = Meter.CreateHistogram<double>("aiflow.evaluation.batch_write", "ms",
        "Time to commit one batch of case results with the progress.");

    public async Task<EvaluationStatus?> ExecuteAsync(Guid evaluationId, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(evaluationId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or an outage must not leave the evaluation "running" for ever: it fails, saying why.
            LogFailed(logger, ex, evaluationId);
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.EvaluationRuns.Where(e => e.Id == evaluationId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EvaluationStatus.Failed)
                .SetProperty(e => e.Error, ex.Message).SetProperty(e => e.FinishedAt, clock.GetUtcNow()), CancellationToken.None);
            return EvaluationStatus.Failed;
        }
    }

    private async Task<EvaluationStatus?> RunAsync(Guid evaluationId, CancellationToken cancellationToken)
    {
        EvaluationRun evaluation;
        List<EvaluationCase> cases;
        HashSet<(Guid, EvaluationSide)> done;
        EvaluationCatalog? catalog = null;
        PipelineEvaluationPlan? plan = null;
        Guid target;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.EvaluationRuns.FirstOrDefaultAsync(e => e.Id == evaluationId, cancellationToken);
            if (found is null || found.Status is EvaluationStatus.Completed or EvaluationStatus.Failed or EvaluationStatus.Cancelled) return found?.Status;
            evaluation = found;
            cases = await CasesAsync(db, evaluation, cancellationToken);
            done = [.. (await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationRunId == evaluationId)
                .Select(r => new { r.GroundTruthExampleId, r.Side }).ToListAsync(cancellationToken)).Select(r => (r.GroundTruthExampleId, r.Side))];
            target = evaluation.PipelineVersionId ?? evaluation.StepVersionId!.Value;
            IReadOnlyList<Guid> versionIds = [target, .. evaluation.BaselineVersionId is { } b ? new[] { b } : []];
            if (evaluation.TargetKind == EvaluationTargetKind.Pipeline)
            {
                plan = await PipelineEvaluationPlan.LoadAsync(db, loader, versionIds, PipelineEvaluationPlan.CheckedNodes(cases), cancellationToken);
            }
            else
            {
                catalog = await EvaluationCatalog.LoadAsync(db, evaluationId, versionIds, cancellationToken);
            }
            if (evaluation.Status == EvaluationStatus.Queued)
            {
                evaluation.Status = EvaluationStatus.Running;
                evaluation.StartedAt = clock.GetUtcNow();
                (evaluation.Skipped, cases) = plan is not null
                    ? await plan.LeaveOutInvalidAsync(validation, target, cases, cancellationToken)
                    : await LeaveOutInvalidAsync(catalog!, target, cases, cancellationToken);
                evaluation.CasesTotal = cases.Count;
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                var skipped = evaluation.Skipped.Select(s => s.ExampleId).ToHashSet();
                cases = [.. cases.Where(c => !skipped.Contains(c.ExampleId))];
            }
        }

        var sides = new List<(EvaluationSide Side, Guid Version)> { (EvaluationSide.Candidate, target) };
        if (evaluation.BaselineVersionId is { } baseline) sides.Add((EvaluationSide.Baseline, baseline));
        var work = cases.SelectMany(c => sides.Select(s => (Case: c, s.Side, s.Version))).Where(w => !done.Contains((w.Case.ExampleId, w.Side))).ToList();
        var score = Scorer(evaluationId, catalog, plan);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var results = Channel.CreateBounded<(EvaluationResult Result, IReadOnlyList<AiRequestLog> Logs)>(options.Value.BatchSize * 4);
        var writer = WriteAsync(evaluationId, results.Reader, stop, cancellationToken);
        // A writer that fails (the database went away) stops the cases too, or they would wait on a full channel for ever.
        _ = writer.ContinueWith(_ => stop.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = stop.Token },
                async (w, ct) => await results.Writer.WriteAsync(await score(w.Case, w.Side, w.Version, ct), ct));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A cancel from the console or the API: what was scored stays.
        }
        finally
        {
            results.Writer.TryComplete();
        }
        var cancelled = await writer;
        return await FinishAsync(evaluationId, plan?.Metrics ?? [.. catalog!.Metrics.Select(m => m.Metric)], cancelled, cancellationToken);
    }

    /// <summary>How one case is scored on one side: the step version in isolation, or the pipeline version end to end.</summary>
    private Func<EvaluationCase, EvaluationSide, Guid, CancellationToken, Task<(EvaluationResult, IReadOnlyList<AiRequestLog>)>> Scorer(Guid evaluationId,
        EvaluationCatalog? catalog, PipelineEvaluationPlan? plan)
    {
        DeferredAccountingStepExecutor StepsOf(LoadedRun run) => new(stepKinds.Create(run), accounting, logger);
        if (plan is not null) return (c, side, version, ct) => plan.ScoreAsync(evaluationId, c, side, version, StepsOf, execution.Value, clock, logger, ct);
        var steps = StepsOf(catalog!.Run);
        var judges = new JudgeScorer(gateway, contexts);
        return (c, side, version, ct) => ScoreAsync(evaluationId, catalog, steps, judges, c, side, version, ct);
    }

    /// <summary>The dataset version's cases with their step input and expected IR, narrowed to the evaluation's tag.</summary>
    private static async Task<List<EvaluationCase>> CasesAsync(AiFlowDbContext db, EvaluationRun evaluation, CancellationToken cancellationToken)
    {
        var rows = await (from i in db.DatasetVersionItems
                          join v in db.GroundTruthVersions on i.GroundTruthVersionId equals v.Id
                          join e in db.GroundTruthExamples on i.GroundTruthExampleId equals e.Id
                          where i.DatasetVersionId == evaluation.DatasetVersionId
                          orderby e.CreatedAt, e.Id
                          select new { e.Id, VersionId = v.Id, v.InputJson, v.ExpectedIrJson, e.Tags })
            .AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Where(r => evaluation.Tag is null || r.Tags.Contains(evaluation.Tag))
            .Select(r => new EvaluationCase(r.Id, r.VersionId, r.InputJson, r.ExpectedIrJson, r.Tags))];
    }

    /// <summary>Examples whose expected IR fails the candidate's schema cannot judge it: listed with the reason and left out.</summary>
    private async Task<(List<SkippedCase>, List<EvaluationCase>)> LeaveOutInvalidAsync(EvaluationCatalog catalog, Guid candidate, List<EvaluationCase> cases,
        CancellationToken cancellationToken)
    {
        var schemaId = catalog.Run.StepVersions[candidate].IrSchemaVersionId;
        var skipped = new List<SkippedCase>();
        var kept = new List<EvaluationCase>(cases.Count);
        foreach (var c in cases)
        {
            var outcome = await validation.ValidateStrictlyAsync(schemaId, c.ExpectedIrJson, cancellationToken);
            if (outcome.IsValid) kept.Add(c);
            else skipped.Add(new SkippedCase(c.ExampleId, $"The expected IR fails the candidate's IR schema: {outcome.Errors[0].InstanceLocation} {outcome.Errors[0].Message}".Trim()));
        }
        return (skipped, kept);
    }

    private async Task<(EvaluationResult, IReadOnlyList<AiRequestLog>)> ScoreAsync(Guid evaluationId, EvaluationCatalog catalog, DeferredAccountingStepExecutor steps,
        JudgeScorer judges, EvaluationCase c, EvaluationSide side, Guid versionId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var node = catalog.Nodes[versionId];
        var spec = catalog.Run.StepVersions[versionId];
        var stepInput = JsonNode.Parse(c.InputJson);
        var attempt = new StepAttempt(Guid.CreateVersion7(), node.Key, versionId, 1, $"eval:{evaluationId:N}:{c.ExampleId:N}:{side}", spec.Params);
        var context = new StepContext(evaluationId, node, StepInput.PipelineInputOf(stepInput), StepInput.UpstreamIrOf(stepInput),
            new Dictionary<string, IReadOnlyDictionary<string, double>>());
        var outcome = await steps.ExecuteAsync(attempt, context, cancellationToken);
        var result = new EvaluationResult
        {
            EvaluationRunId = evaluationId, GroundTruthExampleId = c.ExampleId, GroundTruthVersionId = c.VersionId, Side = side,
            ActualIrJson = outcome.IrJson, LatencyMs = outcome.LatencyMs, CostUsd = outcome.CostUsd, TokensIn = outcome.TokensIn, TokensOut = outcome.TokensOut,
            CreatedAt = clock.GetUtcNow(),
        };
        if (outcome.IrJson is null)
        {
            // No output to judge (the endpoint failed, or answered with something that is not JSON): errored, not failed.
            result.Errored = true;
            result.Error = outcome.Error ?? "The step produced no output.";
            return (result, outcome.RequestLogs);
        }
        var actual = JsonNode.Parse(outcome.IrJson);
        var expected = JsonNode.Parse(c.ExpectedIrJson);
        JsonElement? schema = spec.IrSchemaVersionId is { } sid && catalog.Run.IrSchemas.TryGetValue(sid, out var s) ? s : null;
        var facts = new StepFacts(outcome.LatencyMs, outcome.TokensIn, outcome.TokensOut, (double)outcome.CostUsd, outcome.IrValid);
        var details = new JsonObject();
        var passed = true;
        using var judgeCalls = DeferredAccounting.Begin();
        foreach (var metric in catalog.Metrics)
        {
            if (MetricFunctionCatalog.JudgeKeyOf(metric.Function, metric.Parameters) is { } judge)
            {
                // The judge's call is booked with the case (its rows commit with the batch) and its cost is the evaluation's.
                var score = await judges.ScoreAsync(new JudgeCall(judge, context.Input, context.Ir, actual, expected, attempt.StepRunId,
                    $"{attempt.IdempotencyKey}:judge:{metric.Metric.Key}"), cancellationToken);
                (result.CostUsd, result.TokensIn, result.TokensOut) = (result.CostUsd + score.CostUsd, result.TokensIn + score.TokensIn, result.TokensOut + score.TokensOut);
                result.Metrics[metric.Metric.Key] = score.Value;
                details[metric.Metric.Key] = score.Details;
                if (score.Value is { } judged && MetricEvaluation.Passed(judged, metric.Target, metric.Metric.Direction) == false) passed = false;
                continue;
            }
            var value = metric.Function.Compute(new MetricInput(actual, expected, schema, metric.Parameters, facts));
            result.Metrics[metric.Metric.Key] = value.Value;
            if (value.Details is not null) details[metric.Metric.Key] = value.Details;
            if (value.Value is { } v && MetricEvaluation.Passed(v, metric.Target, metric.Metric.Direction) == false) passed = false;
        }
        result.Passed = passed && outcome.IrValid;
        result.DetailsJson = details.Count == 0 ? null : details.ToJsonString();
        CaseOverhead.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds - outcome.LatencyMs - judgeCalls.Rows.Sum(r => r.LatencyMs));
        return (result, [.. outcome.RequestLogs, .. judgeCalls.Rows]);
    }

    /// <summary>Commits results in batches with the progress and cost; sees a cancel request at each batch. True when cancelled.</summary>
    private async Task<bool> WriteAsync(Guid evaluationId, ChannelReader<(EvaluationResult Result, IReadOnlyList<AiRequestLog> Logs)> reader,
        CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        var batch = new List<(EvaluationResult Result, IReadOnlyList<AiRequestLog> Logs)>(options.Value.BatchSize);
        var cancelled = false;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < options.Value.BatchSize && reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count < options.Value.BatchSize && !reader.Completion.IsCompleted)
            {
                // A short wait fills the batch when cases finish close together, without holding progress back for long.
                using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                try
                {
                    while (batch.Count < options.Value.BatchSize && await reader.WaitToReadAsync(wait.Token))
                    {
                        while (batch.Count < options.Value.BatchSize && reader.TryRead(out var more)) batch.Add(more);
                    }
                }
                catch (OperationCanceledException) when (wait.IsCancellationRequested)
                {
                    // Write what there is.
                }
            }
            if (batch.Count == 0) continue;
            cancelled |= await FlushAsync(evaluationId, batch, cancellationToken);
            batch.Clear();
            if (cancelled) await stop.CancelAsync();
        }
        return cancelled;
    }

    private async Task<bool> FlushAsync(Guid evaluationId, List<(EvaluationResult Result, IReadOnlyList<AiRequestLog> Logs)> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.EvaluationResults.AddRange(batch.Select(b => b.Result));
        db.AiRequestLogs.AddRange(batch.SelectMany(b => b.Logs));
        await db.SaveChangesAsync(cancellationToken);
        var candidates = batch.Count(b => b.Result.Side == EvaluationSide.Candidate);
        var errored = batch.Count(b => b.Result.Side == EvaluationSide.Candidate && b.Result.Errored);
        var cost = batch.Sum(b => b.Result.CostUsd);
        long tokensIn = batch.Sum(b => b.Result.TokensIn), tokensOut = batch.Sum(b => b.Result.TokensOut);
        await db.EvaluationRuns.Where(e => e.Id == evaluationId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.CasesDone, e => e.CasesDone + candidates).SetProperty(e => e.CasesErrored, e => e.CasesErrored + errored)
            .SetProperty(e => e.CostUsd, e => e.CostUsd + cost).SetProperty(e => e.TokensIn, e => e.TokensIn + tokensIn)
            .SetProperty(e => e.TokensOut, e => e.TokensOut + tokensOut), cancellationToken);
        var cancel = await db.EvaluationRuns.Where(e => e.Id == evaluationId).Select(e => e.CancelRequested).FirstAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        BatchWrite.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return cancel;
    }

    private async Task<EvaluationStatus> FinishAsync(Guid evaluationId, IReadOnlyList<EvaluationMetric> metrics, bool cancelled, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var evaluation = await db.EvaluationRuns.FirstAsync(e => e.Id == evaluationId, cancellationToken);
        var results = await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationRunId == evaluationId && !r.Errored)
            .Select(r => new { r.GroundTruthExampleId, r.Side, r.Metrics, r.DetailsJson }).ToListAsync(cancellationToken);
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, double?>> Of(EvaluationSide side) =>
            results.Where(r => r.Side == side).ToDictionary(r => r.GroundTruthExampleId, r => (IReadOnlyDictionary<string, double?>)r.Metrics);
        // A judge that failed or answered badly on a case is counted apart: neither a pass nor a fail of its metric.
        var judgeErrors = results.Where(r => r.DetailsJson is not null && r.DetailsJson.Contains(JudgeScore.ErroredKey, StringComparison.Ordinal))
            .SelectMany(r => (JsonNode.Parse(r.DetailsJson!) as JsonObject ?? []).Where(d => JudgeScore.IsErrored(d.Value)).Select(d => (r.Side, Metric: d.Key)))
            .CountBy(e => e).ToDictionary();
        evaluation.Aggregates = [.. EvaluationScoring.Aggregate(metrics, Of(EvaluationSide.Candidate), Of(EvaluationSide.Baseline))
            .Select(a => a with
            {
                CandidateErrored = judgeErrors.GetValueOrDefault((EvaluationSide.Candidate, a.Metric)),
                BaselineErrored = judgeErrors.GetValueOrDefault((EvaluationSide.Baseline, a.Metric)),
            })];
        evaluation.Status = cancelled || evaluation.CancelRequested ? EvaluationStatus.Cancelled : EvaluationStatus.Completed;
        evaluation.FinishedAt = clock.GetUtcNow();
        string? webhookUrl = null;
        if (evaluation.Status == EvaluationStatus.Completed && evaluation.ScheduledFor is { } pipeline)
        {
            var previous = await db.EvaluationRuns.AsNoTracking()
                .Where(e => e.Id != evaluation.Id && e.ScheduledFor != null && e.TargetKind == evaluation.TargetKind && e.TargetKey == evaluation.TargetKey
                    && e.Status == EvaluationStatus.Completed)
                .OrderByDescending(e => e.FinishedAt).FirstOrDefaultAsync(cancellationToken);
            evaluation.Regression = previous is null ? null : RegressionCheck.Describe(previous.Aggregates, evaluation.Aggregates, options.Value.RegressionTolerance);
            if (evaluation.Regression is not null)
            {
                Regressions.Add(1);
                webhookUrl = await db.EvaluationSchedules.Where(s => s.PipelineDefinitionId == pipeline).Select(s => s.WebhookUrl).FirstOrDefaultAsync(cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (webhookUrl is not null)
        {
            await webhook.PostAsync(webhookUrl, new
            {
                @event = "evaluation.regression", evaluationId = evaluation.Id, step = evaluation.TargetKind == EvaluationTargetKind.Step ? evaluation.TargetKey : null,
                pipeline = evaluation.TargetKind == EvaluationTargetKind.Pipeline ? evaluation.TargetKey : null, version = evaluation.TargetVersion,
                dataset = evaluation.DatasetNumber, regression = evaluation.Regression, finishedAt = evaluation.FinishedAt,
            }, cancellationToken);
        }
        return evaluation.Status;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluation {EvaluationId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid evaluationId);
}
