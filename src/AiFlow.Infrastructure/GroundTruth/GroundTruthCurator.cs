using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>
/// Turns approved and corrected feedback into versioned ground truth keyed by (step, SHA-256 of the canonical step input:
/// the pipeline input and the upstream IR the step read), and adds the node's decided IR to the pipeline's example for the
/// run's input. One transaction per item: the feedback is marked curated in the same commit, so a second pass changes
/// nothing. Items whose reviewers disagree (below the threshold) are escalated to an Admin instead, and so is a decided IR
/// that fails the step's IR schema in any validation mode: ground truth holds only valid, reviewed answers.
/// </summary>
public sealed class GroundTruthCurator(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock, IOptions<ReviewOptions> options,
    IrValidationService validation, DatasetService datasets)
{
    private enum Outcome { Created, Superseded, Escalated, Skipped, Flagged, Lost }

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
        var touched = new HashSet<(GroundTruthScope, Guid)>();
        foreach (var group in pending.GroupBy(p => p.ItemId ?? p.FeedbackId))
        {
            var outcome = await CurateOneAsync([.. group.Select(g => g.FeedbackId)], group.First().ItemId, touched, cancellationToken);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }
        // One dataset version per scope the pass changed, so evaluations can pin what curation just produced.
        foreach (var (scope, scopeId) in touched) await datasets.SnapshotAsync(scope, scopeId, "curation", "system:curation", null, cancellationToken);
        return new CurationResult(counts.GetValueOrDefault(Outcome.Created), counts.GetValueOrDefault(Outcome.Superseded),
            counts.GetValueOrDefault(Outcome.Escalated), counts.GetValueOrDefault(Outcome.Skipped), counts.GetValueOrDefault(Outcome.Flagged));
    }

    private async Task<Outcome> CurateOneAsync(List<Guid> feedbackIds, Guid? itemId, HashSet<(GroundTruthScope, Guid)> touched, CancellationToken cancellationToken)
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
            await EscalateAsync(db, id, $"Reviewers disagree (agreement {consensus.Agreement:0.00}); an Admin decides.", cancellationToken);
            return await DoneAsync(transaction, Outcome.Escalated, cancellationToken);
        }
        if (consensus.Decision == ReviewDecision.Reject || consensus.IrJson is null) return await DoneAsync(transaction, Outcome.Skipped, cancellationToken);
        var schemaId = await db.StepVersions.Where(v => v.Id == step.StepVersionId).Select(v => v.IrSchemaVersionId).FirstOrDefaultAsync(cancellationToken);
        var check = await validation.ValidateStrictlyAsync(schemaId, consensus.IrJson, cancellationToken);
        if (!check.IsValid)
        {
            // An approval of invalid model output (or a correction saved before corrections were checked strictly): the
            // feedback stays curated so the pass does not repeat, and an Admin settles the item with a valid answer.
            if (itemId is { } flagged)
            {
                var first = check.Errors[0];
                await EscalateAsync(db, flagged, $"The decided IR fails the IR schema ({(first.InstanceLocation.Length == 0 ? "/" : first.InstanceLocation)}: {first.Message}); an Admin decides with a valid IR.", cancellationToken);
            }
            return await DoneAsync(transaction, Outcome.Flagged, cancellationToken);
        }

        var read = await StepInputReader.ReadAsync(db, step, cancellationToken);
        var stepDefinition = await db.StepVersions.Where(v => v.Id == step.StepVersionId).Select(v => (Guid?)v.StepDefinitionId).FirstOrDefaultAsync(cancellationToken);
        if (read is null || stepDefinition is null) return await DoneAsync(transaction, Outcome.Skipped, cancellationToken);
        var provenance = new GroundTruthProvenance
        {
            PipelineRunId = step.PipelineRunId, StepRunId = step.Id, FeedbackIds = [.. feedback.Select(f => f.Id)],
            Reviewers = [.. feedback.Select(f => f.ReviewerId).Distinct(StringComparer.Ordinal)], Agreement = consensus.Agreement, Source = "curation",
        };
        // The step's example holds what the step read, so any version of it can be re-run on the case alone.
        var created = await GroundTruthWriter.AddVersionAsync(db, GroundTruthScope.Step, stepDefinition.Value, step.StepVersionId, read.StepInputJson, consensus.IrJson,
            provenance, now, cancellationToken);
        // The pipeline's example for this input collects the decided IR of every reviewed node, for end-to-end evaluations.
        await AddToPipelineExampleAsync(db, read, step.NodeKey, consensus.IrJson, provenance, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        touched.Add((GroundTruthScope.Step, stepDefinition.Value));
        touched.Add((GroundTruthScope.Pipeline, read.PipelineDefinitionId));
        return await DoneAsync(transaction, created ? Outcome.Created : Outcome.Superseded, cancellationToken);
    }

    private static async Task AddToPipelineExampleAsync(AiFlowDbContext db, StepInputReader.Read read, string nodeKey, string irJson,
        GroundTruthProvenance provenance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reference = CanonicalJson.Sha256(read.PipelineInputJson);
        var current = await db.GroundTruthExamples.AsNoTracking()
            .Where(e => e.Scope == GroundTruthScope.Pipeline && e.ScopeId == read.PipelineDefinitionId && e.Reference == reference)
            .SelectMany(e => e.Versions.Where(v => v.Number == e.CurrentVersionNumber)).Select(v => v.ExpectedIrJson).FirstOrDefaultAsync(cancellationToken);
        var expected = current is not null && JsonNode.Parse(current) is JsonObject o ? o : [];
        expected[nodeKey] = JsonNode.Parse(irJson);
        await GroundTruthWriter.AddVersionAsync(db, GroundTruthScope.Pipeline, read.PipelineDefinitionId, null, read.PipelineInputJson, expected.ToJsonString(),
            provenance, now, cancellationToken);
    }

    /// <summary>Hands the item to an Admin, audited in the item's transaction (the bulk update bypasses the interceptor).</summary>
    private async Task EscalateAsync(AiFlowDbContext db, Guid itemId, string why, CancellationToken cancellationToken)
    {
        await db.ReviewItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ReviewItemStatus.Escalated)
            .SetProperty(i => i.ReasonDetail, why), cancellationToken);
        await AuditLog.RecordAsync(db, clock, nameof(ReviewItem), [itemId.ToString()], null,
            new { Status = ReviewItemStatus.Escalated, ReasonDetail = why }, cancellationToken);
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
