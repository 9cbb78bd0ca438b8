using System.Text.Json.Nodes;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Linking;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>
/// Finishes the step a human-review node parked: the decided IR (the approved model IR or the correction) becomes the
/// step run's newest IR artifact and the step completes, or fails on reject. The caller commits, then resumes the run.
/// </summary>
internal sealed class ParkedStepCompletion(IrValidationService validation, StepReviewSettingsCache settings)
{
    /// <summary>True when a parked step was finished and its run should be resumed.</summary>
    public async Task<bool> ApplyAsync(AiFlowDbContext db, ReviewItem item, IReadOnlyList<HumanFeedback> feedback, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (item.Reason != ReviewReason.HumanReviewNode) return false;
        var step = await db.StepRuns.FirstOrDefaultAsync(s => s.Id == item.StepRunId, cancellationToken);
        if (step is null || step.Status != StepRunStatus.WaitingForReview) return false;
        var model = await LatestArtifactAsync(db, step.Id, cancellationToken);
        var consensus = ReviewConsensus.Of(feedback, model?.IrJson);
        step.FinishedAt = now;
        if (consensus.Decision == ReviewDecision.Reject || consensus.IrJson is null)
        {
            step.Status = StepRunStatus.Failed;
            var comments = string.Join("; ", feedback.Select(f => f.Comment).Where(c => !string.IsNullOrWhiteSpace(c)));
            step.Error = "Rejected by review" + (comments.Length > 0 ? ": " + comments : ".");
            return true;
        }
        // The decision was just checked against the same settings, so they usually come from the cache.
        var version = await settings.GetAsync(db, step.StepVersionId, cancellationToken);
        var outcome = await validation.ValidateAsync(version?.IrSchemaVersionId, version?.ValidationMode ?? Domain.Schemas.ValidationMode.Off, consensus.IrJson, cancellationToken);
        db.IrArtifacts.Add(new IrArtifact
        {
            StepRunId = step.Id, IrSchemaVersionId = version?.IrSchemaVersionId, IrJson = consensus.IrJson,
            IsValid = outcome.IsValid, ValidationErrors = [.. outcome.Errors], CreatedAt = now,
        });
        // The decided IR names the records the step produced, as a model's IR does for an LLM step (same declaration,
        // from the params the step run started with); one it cannot take ids from fails the step, as in the engine.
        try
        {
            foreach (var link in OutputLinks(step.ParamsJson, consensus.IrJson))
            {
                db.StepOutputLinks.Add(StepOutputLink.For(step.Id, link, now));
            }
        }
        catch (OutputLinkException ex)
        {
            step.Status = StepRunStatus.Failed;
            step.Error = ex.Message;
            return true;
        }
        step.Status = StepRunStatus.Completed;
        step.Error = null;
        return true;
    }

    private static IReadOnlyList<ProducedLink> OutputLinks(string paramsJson, string irJson)
    {
        if (JsonNode.Parse(paramsJson) is not JsonObject parameters
            || !parameters.TryGetPropertyValue(OutputLinkEvaluator.ParamName, out var declared)) return [];
        return OutputLinkEvaluator.Extract(OutputLinkEvaluator.Parse(declared), JsonNode.Parse(irJson));
    }

    public static Task<IrArtifact?> LatestArtifactAsync(AiFlowDbContext db, Guid stepRunId, CancellationToken cancellationToken) =>
        db.IrArtifacts.AsNoTracking().Where(a => a.StepRunId == stepRunId).OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
}
