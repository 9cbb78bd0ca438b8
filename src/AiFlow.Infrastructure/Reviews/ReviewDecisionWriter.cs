using System.Text.Json;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>
/// Records decisions: checks labels and rating against the step version's settings, validates a correction with the
/// one IR validation service (refused in every validation mode), completes the item when all
/// its reviewers decided and, for a human-review node, writes the decided IR and wakes the parked run.
/// </summary>
public sealed class ReviewDecisionWriter(
    IDbContextFactory<AiFlowDbContext> contexts,
    TimeProvider clock,
    IrValidationService validation,
    RunOperations runs)
{
    private readonly StepReviewSettingsCache settingsCache = new();
    private ParkedStepCompletion? parked;

    // Shares the settings cache: the decision that completes a parked step has just been checked against them. Built
    // lazily only because a field initializer cannot see another field; it holds no state, so a race builds two.
    private ParkedStepCompletion Parked => parked ??= new(validation, settingsCache);

    /// <summary>The item a submission is about and its feedback, or why it is refused (no such item, invalid feedback).</summary>
    private async Task<(ReviewItem Item, HumanFeedback Feedback, ReviewSubmitResult? Problem)> PrepareAsync(
        AiFlowDbContext db, ReviewSubmission submission, CancellationToken cancellationToken)
    {
        var item = await db.ReviewItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == submission.ItemId, cancellationToken);
        if (item is null) return (null!, null!, ReviewSubmitResult.Refused("There is no such review item."));
        var feedback = NewFeedback(submission.ReviewerId, submission.Decision, submission.CorrectedIrJson, submission.Labels, submission.Rating, submission.Comment, submission.TimeSpentMs);
        return (item, feedback, await CheckAsync(db, item.StepVersionId, feedback, cancellationToken));
    }

    /// <summary>
    /// Null when this vote may be recorded on an item of <paramref name="stepVersionId"/>: the checks <see cref="SubmitAsync"/>
    /// makes of the feedback itself, for a caller that must not write anything (open an item) for a vote that is refused.
    /// </summary>
    public async Task<ReviewSubmitResult?> CheckAsync(Guid stepVersionId, ReviewSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var feedback = NewFeedback(submission.ReviewerId, submission.Decision, submission.CorrectedIrJson, submission.Labels, submission.Rating, submission.Comment, submission.TimeSpentMs);
        return await CheckAsync(db, stepVersionId, feedback, cancellationToken);
    }

    /// <summary>
    /// A reviewer's decision on the item they hold, in three round trips: lock the item, mark their claim decided and load
    /// the item (with BEGIN, one statement); write the feedback and the item; commit. The step version's settings usually
    /// come from <see cref="StepReviewSettingsCache"/>. A submission that fails a check is rolled back, its claim with it.
    /// </summary>
    public async Task<ReviewSubmitResult> SubmitAsync(ReviewSubmission submission, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Nothing here needs a savepoint to roll back to: a failure abandons the whole transaction.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var tracked = await DecidedItemAsync(db, submission.ItemId, submission.ReviewerId, now, cancellationToken);
        // No claim was decided: a second look at the item says why, in the order the checks always ran.
        var item = tracked ?? await LockedItemAsync(db, submission.ItemId, cancellationToken);
        if (item is null) return ReviewSubmitResult.Refused("There is no such review item.");
        var feedback = NewFeedback(submission.ReviewerId, submission.Decision, submission.CorrectedIrJson, submission.Labels, submission.Rating, submission.Comment, submission.TimeSpentMs);
        var problem = await CheckAsync(db, item.StepVersionId, feedback, cancellationToken);
        if (problem is not null) return problem;
        if (item.Status is ReviewItemStatus.Completed) return ReviewSubmitResult.Refused("This item is already complete.");
        if (tracked is null) return ReviewSubmitResult.Refused("You no longer hold this item: its lease expired and the slot went back to the queue.");

        feedback.ReviewItemId = tracked.Id;
        feedback.PipelineRunId = tracked.PipelineRunId;
        feedback.StepRunId = tracked.StepRunId;
        feedback.CreatedAt = now;
        db.HumanFeedback.Add(feedback);
        tracked.DecisionsCount++;
        var resume = false;
        if (tracked.DecisionsCount >= tracked.ReviewersNeeded)
        {
            tracked.Status = ReviewItemStatus.Completed;
            tracked.CompletedAt = now;
            if (tracked.Reason == ReviewReason.HumanReviewNode)
            {
                var all = await db.HumanFeedback.Where(f => f.ReviewItemId == tracked.Id).ToListAsync(cancellationToken);
                resume = await Parked.ApplyAsync(db, tracked, [.. all, feedback], now, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (resume) await runs.ResumeAsync(tracked.PipelineRunId, cancellationToken);
        return new ReviewSubmitResult(true, null, feedback.CorrectionErrors, feedback.Id, tracked.Status == ReviewItemStatus.Completed);
    }

    /// <summary>
    /// An Admin settles an escalated item (its reviewers disagreed): the decision is recorded without a claim and the item
    /// completes; the next curation pass turns it into ground truth on its own, since the disagreeing feedback is already curated.
    /// </summary>
    public async Task<ReviewSubmitResult> ResolveEscalatedAsync(ReviewSubmission submission, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (item, feedback, problem) = await PrepareAsync(db, submission, cancellationToken);
        if (problem is not null) return problem;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReviewQueueService.LockItemAsync(db, item.Id, cancellationToken);
        var tracked = await db.ReviewItems.FirstAsync(i => i.Id == item.Id, cancellationToken);
        if (tracked.Status != ReviewItemStatus.Escalated) return ReviewSubmitResult.Refused("Only an escalated item can be resolved this way.");
        var now = clock.GetUtcNow();
        feedback.ReviewItemId = item.Id;
        feedback.PipelineRunId = item.PipelineRunId;
        feedback.StepRunId = item.StepRunId;
        feedback.CreatedAt = now;
        db.HumanFeedback.Add(feedback);
        tracked.Status = ReviewItemStatus.Completed;
        tracked.CompletedAt = now;
        tracked.ReasonDetail = $"Resolved by {submission.ReviewerId}.";
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReviewSubmitResult(true, null, feedback.CorrectionErrors, feedback.Id, true);
    }

    /// <summary>
    /// Locks the item, marks the reviewer's claim on it decided and loads the item for change, in one statement; null when
    /// there is no such item or the reviewer holds no claim on it. The claim's update waits for the item's lock (the
    /// uncorrelated EXISTS is checked once, before any claim is touched), so claims of an item still change only under
    /// its row lock. An expired lease still counts while nobody has taken its slot; once released, the decision is
    /// refused. xmin is a system column, so <c>*</c> does not bring it.
    /// </summary>
    private static async Task<ReviewItem?> DecidedItemAsync(AiFlowDbContext db, Guid itemId, string reviewerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await db.ReviewItems.FromSql($"""
            WITH item AS (SELECT *, xmin FROM review_items WHERE id = {itemId} FOR UPDATE),
            decided AS (
                UPDATE review_claims SET decided_at = {now}
                WHERE review_item_id = {itemId} AND reviewer_id = {reviewerId} AND released_at IS NULL AND decided_at IS NULL
                    AND EXISTS (SELECT 1 FROM item)
                RETURNING id)
            SELECT * FROM item WHERE EXISTS (SELECT 1 FROM decided)
            """).ToListAsync(cancellationToken)).SingleOrDefault();

    /// <summary>Locks the item and loads it for change in one round trip (xmin is a system column, so <c>*</c> does not bring it).</summary>
    private static async Task<ReviewItem?> LockedItemAsync(AiFlowDbContext db, Guid itemId, CancellationToken cancellationToken) =>
        (await db.ReviewItems.FromSql($"SELECT *, xmin FROM review_items WHERE id = {itemId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();

    private static HumanFeedback NewFeedback(string reviewer, ReviewDecision decision, string? corrected, IReadOnlyList<string>? labels, int? rating, string? comment, int timeSpentMs) => new()
    {
        ReviewerId = reviewer, Decision = decision, CorrectedIrJson = decision == ReviewDecision.Correct ? corrected : null,
        Labels = [.. (labels ?? []).Distinct(StringComparer.Ordinal)], Rating = rating,
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), TimeSpentMs = Math.Max(0, timeSpentMs),
    };

    /// <summary>Null when the feedback may be saved; fills in the correction's validation outcome.</summary>
    private async Task<ReviewSubmitResult?> CheckAsync(AiFlowDbContext db, Guid stepVersionId, HumanFeedback feedback, CancellationToken cancellationToken)
    {
        var settings = await settingsCache.GetAsync(db, stepVersionId, cancellationToken);
        if (settings is null) return ReviewSubmitResult.Refused("The step version of this item no longer exists.");
        var unknown = settings.LabelSet.Count == 0 ? [] : feedback.Labels.Where(l => !settings.LabelSet.Contains(l)).ToList();
        if (unknown.Count > 0) return ReviewSubmitResult.Refused($"Unknown labels: {string.Join(", ", unknown)}. Allowed: {string.Join(", ", settings.LabelSet)}.", pointer: "/labels");
        if (feedback.Rating is { } r && (settings.RatingScale <= 0 || r < 1 || r > settings.RatingScale))
        {
            return ReviewSubmitResult.Refused(settings.RatingScale <= 0 ? "This step does not take ratings." : $"Rating must be between 1 and {settings.RatingScale}.", pointer: "/rating");
        }
        if (feedback.Decision != ReviewDecision.Correct) return null;
        if (string.IsNullOrWhiteSpace(feedback.CorrectedIrJson)) return ReviewSubmitResult.Refused("A correction needs the corrected IR.", pointer: "/correctedIr");
        try
        {
            using var _ = JsonDocument.Parse(feedback.CorrectedIrJson);
        }
        catch (JsonException ex)
        {
            return ReviewSubmitResult.Refused("The correction is not JSON.", [new IrValidationError("", "", $"Line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {ex.Message}")], "/correctedIr");
        }
        // Refused in every validation mode: a correction is a candidate for ground truth, whatever the step does with model output.
        var outcome = await validation.ValidateStrictlyAsync(settings.IrSchemaVersionId, feedback.CorrectedIrJson, cancellationToken);
        // The pointer goes into the corrected IR, to the first place its schema refused.
        if (!outcome.IsValid) return ReviewSubmitResult.Refused("The correction does not match the IR schema.", outcome.Errors, "/correctedIr" + (outcome.Errors.Count > 0 ? outcome.Errors[0].InstanceLocation : ""));
        feedback.CorrectionIsValid = true;
        return null;
    }
}
