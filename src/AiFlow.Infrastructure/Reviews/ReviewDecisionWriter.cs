using System.Text.Json;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Privacy;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Privacy;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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
    RunOperations runs,
    PiiAtRestInterceptor pii)
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
    /// A reviewer's decision on the item they hold: the feedback is checked against the step version's settings (read
    /// only when the vote carries labels, a rating or a correction; usually from <see cref="StepReviewSettingsCache"/>)
    /// and its free text redacted, then one statement (<see cref="DecisionSql"/>, its own transaction) decides the claim,
    /// counts the decision on the item, stores the feedback and audits the item: one round trip. A refused vote writes
    /// nothing. A decision that writes more runs the same statement in a transaction with the rest: the records of what
    /// redaction took out, or, when it completes a human-review node, the parked step it finishes through EF (the run
    /// resumes after the commit).
    /// </summary>
    public async Task<ReviewSubmitResult> SubmitAsync(ReviewSubmission submission, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var feedback = NewFeedback(submission.ReviewerId, submission.Decision, submission.CorrectedIrJson, submission.Labels, submission.Rating, submission.Comment, submission.TimeSpentMs);
        if (feedback.Labels.Count > 0 || feedback.Rating is not null || feedback.Decision == ReviewDecision.Correct)
        {
            var stepVersionId = await db.ReviewItems.Where(i => i.Id == submission.ItemId).Select(i => (Guid?)i.StepVersionId).FirstOrDefaultAsync(cancellationToken);
            if (stepVersionId is null) return ReviewSubmitResult.Refused("There is no such review item.");
            if (await CheckAsync(db, stepVersionId.Value, feedback, cancellationToken) is { } problem) return problem;
        }
        var now = clock.GetUtcNow();
        var redactions = Redact(feedback, now);
        if (redactions.Count == 0)
        {
            var alone = await DecideAsync(db, submission.ItemId, feedback, now, alone: true, cancellationToken);
            if (!alone.FinishesParkedStep) return alone.Result!;
        }

        // The decision writes more than the statement: redaction records, or the parked step it finishes.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var decided = await DecideAsync(db, submission.ItemId, feedback, now, alone: false, cancellationToken);
        if (!decided.Result!.Succeeded) return decided.Result;
        db.Set<RedactionRecord>().AddRange(redactions);
        ReviewItem? parkedItem = null;
        if (decided.FinishesParkedStep)
        {
            parkedItem = await db.ReviewItems.AsNoTracking().FirstAsync(i => i.Id == submission.ItemId, cancellationToken);
            var all = await db.HumanFeedback.AsNoTracking().Where(f => f.ReviewItemId == parkedItem.Id).ToListAsync(cancellationToken);
            if (!await Parked.ApplyAsync(db, parkedItem, all, now, cancellationToken)) parkedItem = null;
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (parkedItem is not null) await runs.ResumeAsync(parkedItem.PipelineRunId, cancellationToken);
        return decided.Result;
    }

    /// <summary>
    /// Runs <see cref="DecisionSql"/>: the decision saved or refused, and whether it completes a human-review node's item.
    /// Run <paramref name="alone"/>, such a decision is not made (no result): the caller makes it again in a transaction.
    /// </summary>
    private static async Task<(ReviewSubmitResult? Result, bool FinishesParkedStep)> DecideAsync(
        AiFlowDbContext db, Guid itemId, HumanFeedback feedback, DateTimeOffset now, bool alone, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(DecisionSql.Text, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddRange(DecisionSql.Parameters(itemId, feedback, now, AuditScope.UserName, alone));
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return (ReviewSubmitResult.Refused("There is no such review item."), false);
        var finishesParked = reader.GetBoolean(2);
        if (await reader.IsDBNullAsync(1, cancellationToken))
        {
            if (alone && finishesParked) return (null, true);
            return (Enum.Parse<ReviewItemStatus>(reader.GetString(0)) == ReviewItemStatus.Completed
                ? ReviewSubmitResult.Refused("This item is already complete.")
                : ReviewSubmitResult.Refused("You no longer hold this item: its lease expired and the slot went back to the queue."), false);
        }
        var completed = Enum.Parse<ReviewItemStatus>(reader.GetString(1)) == ReviewItemStatus.Completed;
        return (new ReviewSubmitResult(true, null, feedback.CorrectionErrors, feedback.Id, completed), finishesParked);
    }

    /// <summary>The feedback's free text as it is stored, redacted as a save through EF would be, and the records of what was taken out.</summary>
    private List<RedactionRecord> Redact(HumanFeedback feedback, DateTimeOffset now)
    {
        var records = new List<RedactionRecord>();
        foreach (var (property, json) in PiiAtRestInterceptor.Fields[typeof(HumanFeedback)])
        {
            var text = property switch
            {
                nameof(HumanFeedback.Comment) => feedback.Comment,
                nameof(HumanFeedback.CorrectedIrJson) => feedback.CorrectedIrJson,
                // A field added to the policy must be redacted here too before this statement may store it.
                _ => throw new InvalidOperationException($"HumanFeedback.{property} is redacted at rest, and the decision statement does not redact it."),
            };
            if (text is null || pii.Redact(nameof(HumanFeedback), feedback.Id, property, json, text, now) is not { } redacted) continue;
            if (property == nameof(HumanFeedback.Comment)) feedback.Comment = redacted.Text;
            else feedback.CorrectedIrJson = redacted.Text;
            records.Add(redacted.Record);
        }
        return records;
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
