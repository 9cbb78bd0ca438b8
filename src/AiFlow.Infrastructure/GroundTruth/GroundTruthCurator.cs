using AiFlow.Domain.Common;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>
/// Turns approved and corrected feedback into versioned ground truth keyed by (step version, SHA-256 of the canonical
/// input). One transaction per item: the feedback is marked curated in the same commit, so a second pass changes
/// nothing. Items whose reviewers disagree (below the threshold) are escalated to an Admin instead.
/// </summary>
public sealed class GroundTruthCurator(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock, IOptions<ReviewOptions> options)
{
    private enum Outcome { Created, Superseded, Escalated, Skipped, Lost }

    public async Task<CurationResult> CurateAsync(CancellationToken cancellationToken)
    {
        List<(Guid? ItemId, Guid FeedbackId)> pending;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Feedback on an item waits until all its reviewers decided; external feedback has no item.
            pending = (await db.HumanFeedback.AsNoTracking()
                .Where(f => f.CuratedAt == null && (f.ReviewItemId == null || db.ReviewItems.Any(i => i.Id == f.ReviewItemId && i.Status == ReviewItemStatus.Completed)))
                .OrderBy(f => f.CreatedAt).Select(f => new { f.ReviewItemId, f.Id }).ToListAsync(cancellationToken))
                .Select(f => (f.ReviewItemId, f.Id)).ToList();
        }
        var counts = new Dictionary<Outcome, int>();
        foreach (var group in pending.GroupBy(p => p.ItemId ?? p.FeedbackId))
        {
            var outcome = await CurateOneAsync([.. group.Select(g => g.FeedbackId)], group.First().ItemId, cancellationToken);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }
        return new CurationResult(counts.GetValueOrDefault(Outcome.Created), counts.GetValueOrDefault(Outcome.Superseded),
            counts.GetValueOrDefault(Outcome.Escalated), counts.GetValueOrDefault(Outcome.Skipped));
    }

    private async Task<Outcome> CurateOneAsync(List<Guid> feedbackIds, Guid? itemId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // Claiming the feedback first makes a concurrent pass (or a re-run) find nothing left to do.
        var claimed = await db.HumanFeedback.Where(f => feedbackIds.Contains(f.Id) && f.CuratedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CuratedAt, now), cancellationToken);
        if (claimed != feedbackIds.Count) return Outcome.Lost;

        var feedback = await db.HumanFeedback.AsNoTracking().Where(f => feedbackIds.Contains(f.Id)).OrderBy(f => f.CreatedAt).ToListAsync(cancellationToken);
        var stepRunId = feedback[0].StepRunId;
        var step = stepRunId is null ? null : await db.StepRuns.AsNoTracking().FirstOrDefaultAsync(s => s.Id == stepRunId, cancellationToken);
        if (step is null) return await DoneAsync(transaction, Outcome.Skipped, cancellationToken);
        var model = await ModelIrAsync(db, step.Id, itemId, cancellationToken);
        var consensus = ReviewConsensus.Of(feedback, model);

        if (consensus.Agreement < options.Value.AgreementThreshold && itemId is { } id)
        {
            await db.ReviewItems.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ReviewItemStatus.Escalated)
                .SetProperty(i => i.ReasonDetail, $"Reviewers disagree (agreement {consensus.Agreement:0.00}); an Admin decides."), cancellationToken);
            return await DoneAsync(transaction, Outcome.Escalated, cancellationToken);
        }
        if (consensus.Decision == ReviewDecision.Reject || consensus.IrJson is null) return await DoneAsync(transaction, Outcome.Skipped, cancellationToken);

        var input = step.InputJson ?? await db.PipelineRuns.Where(r => r.Id == step.PipelineRunId).Select(r => r.InputJson).FirstAsync(cancellationToken);
        var created = await GroundTruthWriter.AddVersionAsync(db, step.StepVersionId, input, consensus.IrJson, new GroundTruthProvenance
        {
            PipelineRunId = step.PipelineRunId, StepRunId = step.Id, FeedbackIds = [.. feedback.Select(f => f.Id)],
            Reviewers = [.. feedback.Select(f => f.ReviewerId).Distinct(StringComparer.Ordinal)], Agreement = consensus.Agreement, Source = "curation",
        }, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await DoneAsync(transaction, created ? Outcome.Created : Outcome.Superseded, cancellationToken);
    }

    private static async Task<string?> ModelIrAsync(AiFlowDbContext db, Guid stepRunId, Guid? itemId, CancellationToken cancellationToken)
    {
        // For a human-review node the decided artifact is newer than the model's; the model's is the oldest.
        var artifacts = db.IrArtifacts.AsNoTracking().Where(a => a.StepRunId == stepRunId);
        var ordered = itemId is null ? artifacts.OrderByDescending(a => a.CreatedAt) : artifacts.OrderBy(a => a.CreatedAt);
        return await ordered.Select(a => a.IrJson).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<Outcome> DoneAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Outcome outcome, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }
}
