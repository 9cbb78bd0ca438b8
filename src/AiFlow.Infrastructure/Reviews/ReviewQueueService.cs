using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>
/// The review queue on PostgreSQL: a claim is one prepared statement (<see cref="ClaimSql"/>) that takes the oldest open
/// item with <c>FOR UPDATE SKIP LOCKED</c>, so parallel reviewers never wait on each other; each claim holds one slot for
/// a lease, and the unique partial indexes on review_claims refuse a second live holder of a slot or a second live
/// claim by the same person (ADR 0009).
/// </summary>
public sealed class ReviewQueueService(
    IDbContextFactory<AiFlowDbContext> contexts,
    TimeProvider clock,
    IOptions<ReviewOptions> options,
    ReviewDecisionWriter decisions)
{
    private const int ClaimAttempts = 8;

    public Task<ReviewClaimResult?> ClaimNextAsync(string reviewerId, ReviewQueueFilter filter, CancellationToken cancellationToken) =>
        ClaimWithRetriesAsync(reviewerId, filter, null, cancellationToken);

    /// <summary>Claims one specific item (opened from the list), if a slot is free and the reviewer has not decided it yet.</summary>
    public Task<ReviewClaimResult?> ClaimAsync(Guid itemId, string reviewerId, CancellationToken cancellationToken) =>
        ClaimWithRetriesAsync(reviewerId, ReviewQueueFilter.None, itemId, cancellationToken);

    /// <summary>Gives the reviewer's slot back to the queue (skip), audited; decisions already made stay.</summary>
    public async Task<bool> RequeueAsync(Guid itemId, string reviewerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The item's lock keeps its claims still (a claim locks the item too), so the ids read here are the ones released.
        await LockItemAsync(db, itemId, cancellationToken);
        var now = clock.GetUtcNow();
        var held = await db.ReviewClaims.Where(c => c.ReviewItemId == itemId && c.ReviewerId == reviewerId && c.ReleasedAt == null && c.DecidedAt == null)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        if (held.Count > 0)
        {
            await db.ReviewClaims.Where(c => held.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReleasedAt, now), cancellationToken);
            await AuditLog.RecordAsync(db, clock, nameof(ReviewClaim), held.Select(id => id.ToString()),
                new { ReviewItemId = itemId, ReviewerId = reviewerId, ReleasedAt = (DateTimeOffset?)null },
                new { ReviewItemId = itemId, ReviewerId = reviewerId, ReleasedAt = now }, cancellationToken);
        }
        await RefreshStatusAsync(db, itemId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return held.Count > 0;
    }

    public Task<ReviewSubmitResult> SubmitAsync(ReviewSubmission submission, CancellationToken cancellationToken) =>
        decisions.SubmitAsync(submission, cancellationToken);

    /// <summary>
    /// A reviewer's vote through the API on a run's step (the node named, else the step waiting for review, else the last
    /// completed step). It goes through the console's path: the step's open review item (opened as a manual item when the
    /// output was not queued), a claim on one of its slots, then the decision; so reviewers-needed, one vote per person
    /// and consensus hold, and a vote that completes a parked human-review step resumes its run.
    /// </summary>
    public async Task<ReviewSubmitResult> VoteAsync(Guid runId, string? nodeKey, ReviewSubmission vote, CancellationToken cancellationToken)
    {
        var itemId = await OpenItemAsync(runId, nodeKey, vote, cancellationToken);
        if (itemId.Problem is not null) return itemId.Problem;
        var id = itemId.Id!.Value;
        var claim = await ClaimAsync(id, vote.ReviewerId, cancellationToken);
        if (claim is null) return ReviewSubmitResult.Conflict("No review slot of this step is free for you: you have decided it already, or other reviewers hold every slot.");
        var result = await decisions.SubmitAsync(vote with { ItemId = id }, cancellationToken);
        // A refused vote gives its slot back at once instead of holding it for a lease.
        if (!result.Succeeded) await RequeueAsync(id, vote.ReviewerId, cancellationToken);
        return result;
    }

    private async Task<(Guid? Id, ReviewSubmitResult? Problem)> OpenItemAsync(Guid runId, string? nodeKey, ReviewSubmission vote, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = await db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId && s.Attempt > 0)
            .Select(s => new { s.Id, s.NodeKey, s.Attempt, s.Status, s.FinishedAt, s.StepVersionId }).ToListAsync(cancellationToken);
        if (steps.Count == 0) return (null, ReviewSubmitResult.NotFound("There is no such run, or it has no steps yet."));
        var step = nodeKey is not null
            ? steps.Where(s => s.NodeKey == nodeKey).OrderByDescending(s => s.Attempt).FirstOrDefault()
            : steps.FirstOrDefault(s => s.Status == StepRunStatus.WaitingForReview)
              ?? steps.Where(s => s.Status == StepRunStatus.Completed).OrderByDescending(s => s.FinishedAt).FirstOrDefault();
        if (step is null) return (null, ReviewSubmitResult.NotFound(nodeKey is null ? "The run has no step to give feedback on." : $"The run has no node '{nodeKey}'."));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two first votes on an unqueued output must open one item between them, not two.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({step.Id.ToString()}, 0))", cancellationToken);
        var items = await db.ReviewItems.AsNoTracking().Where(i => i.StepRunId == step.Id).Select(i => new { i.Id, i.Status }).ToListAsync(cancellationToken);
        var open = items.FirstOrDefault(i => i.Status is ReviewItemStatus.Pending or ReviewItemStatus.InReview);
        if (open is not null) return (open.Id, null);
        if (items.Count > 0) return (null, ReviewSubmitResult.Conflict("This step's output has been reviewed already; its review item is closed."));
        if (step.Status != StepRunStatus.Completed || !await db.IrArtifacts.AnyAsync(a => a.StepRunId == step.Id, cancellationToken))
        {
            return (null, ReviewSubmitResult.Conflict($"Step '{step.NodeKey}' has no output to review (it is {step.Status})."));
        }
        // A vote that would be refused opens nothing: otherwise its refusal left a new item in everyone's queue.
        if (await decisions.CheckAsync(step.StepVersionId, vote, cancellationToken) is { } refused) return (null, refused);
        var needed = await db.StepVersions.Where(v => v.Id == step.StepVersionId).Select(v => v.ReviewersNeeded).FirstOrDefaultAsync(cancellationToken);
        var item = new ReviewItem
        {
            PipelineRunId = runId, StepRunId = step.Id, StepVersionId = step.StepVersionId, NodeKey = step.NodeKey,
            Reason = ReviewReason.Manual, Reasons = [ReviewReason.Manual], ReasonDetail = "Feedback through the API.", Status = ReviewItemStatus.Pending,
            ReviewersNeeded = Math.Max(1, needed), CreatedAt = clock.GetUtcNow(),
        };
        db.ReviewItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (item.Id, null);
    }

    private async Task<ReviewClaimResult?> ClaimWithRetriesAsync(string reviewerId, ReviewQueueFilter filter, Guid? itemId, CancellationToken cancellationToken)
    {
        var sql = ClaimSql.Build(filter, itemId is not null);
        for (var attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            var (done, claim) = await TryClaimAsync(sql, reviewerId, filter, itemId, cancellationToken);
            if (done) return claim;
        }
        return null;
    }

    /// <summary>
    /// One claim statement (see <see cref="ClaimSql"/>) on a prepared command: Npgsql keeps it prepared on the pooled
    /// connection, so after the first use a claim is one round trip with no parsing or planning. Not done means the
    /// statement lost a race it could not see and should be run again with a fresh snapshot.
    /// </summary>
    private async Task<(bool Done, ReviewClaimResult? Claim)> TryClaimAsync(string sql, string reviewerId, ReviewQueueFilter filter, Guid? itemId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddRange(ClaimSql.Parameters(Guid.CreateVersion7(), reviewerId, now, options.Value.DefaultLeaseMinutes, filter, itemId));
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return (true, null);
        if (await reader.IsDBNullAsync(1, cancellationToken)) return (false, null);
        var item = reader.GetGuid(0);
        var slot = reader.GetInt32(1);
        // A new lease is computed here from the same instant the statement stored, so it matches the clock to the tick.
        var lease = await reader.IsDBNullAsync(2, cancellationToken) ? reader.GetFieldValue<DateTimeOffset>(3) : now.AddMinutes(reader.GetInt32(2));
        return (true, new ReviewClaimResult(item, slot, lease));
    }

    internal static async Task LockItemAsync(AiFlowDbContext db, Guid itemId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM review_items WHERE id = {itemId} FOR UPDATE").ToListAsync(cancellationToken);

    /// <summary>An item nobody holds and nobody decided goes back to Pending.</summary>
    private static async Task RefreshStatusAsync(AiFlowDbContext db, Guid itemId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var busy = await db.ReviewClaims.AnyAsync(c => c.ReviewItemId == itemId && (c.DecidedAt != null || (c.ReleasedAt == null && c.LeaseExpiresAt > now)), cancellationToken);
        if (!busy)
        {
            await db.ReviewItems.Where(i => i.Id == itemId && i.Status == ReviewItemStatus.InReview)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ReviewItemStatus.Pending), cancellationToken);
        }
    }
}
