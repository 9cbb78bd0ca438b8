using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs.Linking;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Judges;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// One step attempt (seed 001): render the prompt, call the route, parse, validate IR by the step's mode, take the
/// output links its IR names, compute the node's metrics, apply the review policy. Step failures come back as results,
/// never as exceptions.
/// </summary>
public sealed class StepKindExecutor(
    LoadedRun run,
    StepKindRegistry kinds,
    IInferenceGateway gateway,
    IrValidationService validation,
    IDbContextFactory<AiFlowDbContext> contexts) : IStepExecutor
{
    private readonly RunArtifacts artifacts = new(run, contexts);
    private readonly JudgeScorer judges = new(gateway, contexts);

    public async Task<StepExecutionResult> ExecuteAsync(StepAttempt attempt, StepContext context, CancellationToken cancellationToken)
    {
        if (!run.StepVersions.TryGetValue(attempt.StepVersionId, out var spec))
        {
            return StepExecutionResult.Failure($"Step version {attempt.StepVersionId} of node '{attempt.NodeKey}' does not exist.");
        }
        var input = context.Input?.ToJsonString();
        // Read before the step runs, so a malformed declaration costs no model call; most steps declare none.
        IReadOnlyList<OutputLinkDeclaration> links = [];
        string? linksProblem = null;
        var linksMalformed = attempt.Params.TryGetPropertyValue(OutputLinkEvaluator.ParamName, out var declared)
            && !OutputLinkEvaluator.TryParse(declared, out links, out linksProblem);
        var kind = kinds.Find(spec.Kind);
        var result = linksMalformed ? StepExecutionResult.Failure(linksProblem!)
            : kind is null ? StepExecutionResult.Failure($"Step kind {spec.Kind} cannot run in this build.")
            : await kind.RunAsync(new StepKindCall(spec, attempt, context, artifacts), cancellationToken);
        if (result.Outcome == StepOutcome.Parked) return result with { InputJson = input };
        if (result.IrJson is not null && result.Outcome == StepOutcome.Completed)
        {
            var outcome = await validation.ValidateAsync(spec.IrSchemaVersionId, spec.ValidationMode, result.IrJson, cancellationToken);
            result = result with { IrValid = outcome.IsValid, IrErrors = outcome.Errors, IrSchemaVersionId = spec.IrSchemaVersionId };
            if (outcome.Rejects)
            {
                result = result with { Outcome = StepOutcome.Failed, Error = "IR is invalid under enforce: " + string.Join("; ", outcome.Errors.Take(5).Select(e => e.Message)) };
            }
        }
        if (result.IrJson is not null && result.Outcome == StepOutcome.Completed && attempt.Params.TryGetPropertyValue(CitationCheck.ParamName, out var citations))
        {
            result = CheckCitations(spec, context, citations, result);
        }
        if (links.Count > 0 && result.Outcome == StepOutcome.Completed && result.IrJson is not null) result = Link(links, result);
        (var metrics, result) = await MetricsAsync(spec, attempt, context, result, cancellationToken);
        // An output (valid or not) goes through the policy; a failure that left no output is an error item of its own.
        var reviews = result.Outcome == StepOutcome.Completed || result.IrJson is not null || result.IrErrors.Count > 0
            ? ReviewPolicy.Decide(result.IrValid, metrics.Where(m => m.Value is not null).Select(m => (m.Key, m.Value!.Value, m.Passed)), spec.ReviewSamplingRate, attempt.StepRunId)
            : ReviewPolicy.ForFailure(result.Error);
        return result with { InputJson = input, Metrics = metrics, Reviews = [.. result.Reviews, .. reviews] };
    }

    /// <summary>
    /// Every chunk id the IR cites (at the pointer its <c>citations</c> parameter names) must be one its upstream
    /// retrieval returned; otherwise the IR is invalid, and under enforce the step fails as for a schema error.
    /// </summary>
    private StepExecutionResult CheckCitations(StepVersionSpec spec, StepContext context, JsonNode? declaration, StepExecutionResult result)
    {
        var retrieved = RetrievedChunks.Upstream(run.Plan.Dag, context.Node.Key, context.Ir).Select(c => RetrievedChunks.Id(c)!).ToHashSet(StringComparer.Ordinal);
        var errors = CitationCheck.Check(JsonNode.Parse(result.IrJson!), declaration, retrieved);
        if (errors.Count == 0) return result;
        result = result with { IrValid = false, IrErrors = [.. result.IrErrors, .. errors] };
        return validation.EffectiveMode(spec.ValidationMode) == ValidationMode.Enforce
            ? result with { Outcome = StepOutcome.Failed, Error = "Citations are invalid under enforce: " + string.Join("; ", errors.Take(5).Select(e => e.Message)) }
            : result;
    }

    /// <summary>The step's output links, committed with it; an IR the declaration cannot take ids from fails the step.</summary>
    private static StepExecutionResult Link(IReadOnlyList<OutputLinkDeclaration> links, StepExecutionResult result)
    {
        try
        {
            return result with { Links = OutputLinkEvaluator.Extract(links, JsonNode.Parse(result.IrJson!)) };
        }
        catch (OutputLinkException ex)
        {
            return result with { Outcome = StepOutcome.Failed, Error = ex.Message };
        }
    }

    /// <summary>
    /// Every metric of the node's profile, through the metric library. A reference-based metric reads the ground truth for
    /// this step and this input (one query, only when the profile has such a metric); where there is none, or a metric
    /// cannot be computed, it is kept as not applicable with the reason. A key no library function serves is kept the same way.
    /// A judge metric asks its judge's model through the gateway; the call's tokens and cost are added to the step's, and a
    /// judge that fails or answers badly leaves the metric errored with the reason.
    /// </summary>
    private async Task<(List<MetricValue>, StepExecutionResult)> MetricsAsync(StepVersionSpec spec, StepAttempt attempt, StepContext context, StepExecutionResult result,
        CancellationToken cancellationToken)
    {
        if (result.Outcome == StepOutcome.Parked) return ([], result);
        var profileId = context.Node.MetricProfileId ?? spec.MetricProfileId;
        if (profileId is null || !run.MetricProfiles.TryGetValue(profileId.Value, out var targets) || targets.Count == 0) return ([], result);
        var actual = result.IrJson is null ? null : JsonNode.Parse(result.IrJson);
        var facts = new StepFacts(result.LatencyMs, result.TokensIn, result.TokensOut, (double)result.CostUsd, result.IrJson is null && result.IrErrors.Count == 0 ? null : result.IrValid);
        JsonNode? expected = null;
        // A judge's prompt may read the ground truth (as "expected"), so a judge metric looks it up too.
        var needsTruth = targets.Any(t => run.MetricDefinitions.GetValueOrDefault(t.MetricKey)?.Function is { } f
            && (f.Kind == MetricFunctionKind.ReferenceBased || f == MetricFunctionCatalog.Judge));
        if (needsTruth && actual is not null)
        {
            // What the step read, keyed as curation keys its examples: the run input and the IR of every upstream node.
            var ancestors = StepInput.Ancestors(run.Plan.Dag, context.Node.Key);
            var stepInput = StepInput.Compose(context.Input, context.Ir.Where(p => ancestors.Contains(p.Key)));
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var text = await GroundTruthLookup.ExpectedIrAsync(db, spec.StepDefinitionId, stepInput.ToJsonString(), cancellationToken);
            expected = text is null ? null : JsonNode.Parse(text);
        }
        JsonElement? schema = spec.IrSchemaVersionId is { } sid && targets.Any(t => run.MetricDefinitions.GetValueOrDefault(t.MetricKey)?.Function?.Key == "json_coverage")
            ? await artifacts.SchemaAsync(sid, cancellationToken) : null;
        var values = new List<MetricValue>(targets.Count);
        foreach (var target in targets)
        {
            if (!run.MetricDefinitions.TryGetValue(target.MetricKey, out var definition)) continue;
            if (definition.Function is null)
            {
                values.Add(new MetricValue(target.MetricKey, null, target.Target, null, $"No metric function is defined for '{target.MetricKey}'."));
                continue;
            }
            if (actual is not null && MetricFunctionCatalog.JudgeKeyOf(definition.Function, definition.Parameters) is { } judge)
            {
                var score = await judges.ScoreAsync(new JudgeCall(judge, context.Input, context.Ir, actual, expected, attempt.StepRunId,
                    $"{attempt.IdempotencyKey}:judge:{target.MetricKey}"), cancellationToken);
                result = result with { TokensIn = result.TokensIn + score.TokensIn, TokensOut = result.TokensOut + score.TokensOut, CostUsd = result.CostUsd + score.CostUsd };
                values.Add(score.Value is { } scored
                    ? new MetricValue(target.MetricKey, scored, target.Target, MetricEvaluation.Passed(scored, target.Target, definition.Direction), null, score.Details)
                    : new MetricValue(target.MetricKey, null, target.Target, null, score.Error, score.Details));
                continue;
            }
            var outcome = definition.Function.Compute(new MetricInput(actual, expected, schema, definition.Parameters, facts));
            values.Add(outcome.Value is { } value
                ? new MetricValue(target.MetricKey, value, target.Target, MetricEvaluation.Passed(value, target.Target, definition.Direction), null, outcome.Details)
                : new MetricValue(target.MetricKey, null, target.Target, null, outcome.NotApplicableReason, outcome.Details));
        }
        return (values, result);
    }
}
