using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>
/// The review queue on PostgreSQL: claims take the oldest open item with <c>FOR UPDATE SKIP LOCKED</c> so parallel
/// reviewers never wait on each other, each claim holds one slot for a lease, and the unique partial indexes on
/// review_claims refuse a second live holder of a slot or a second live claim by the same person.
/// </summary>
public sealed class ReviewQueueService(
    IDbContextFactory<AiFlowDbContext> contexts,
    TimeProvider clock,
    IOptions<ReviewOptions> options,
    ReviewDecisionWriter decisions)
{
    private const int ClaimAttempts = 8;

    public async Task<ReviewClaimResult?> ClaimNextAsync(string reviewerId, ReviewQueueFilter filter, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            var (done, claim) = await TryClaimAsync(reviewerId, filter, cancellationToken);
            if (done) return claim;
        }
        return null;
    }

    /// <summary>Claims one specific item (opened from the list), if a slot is free and the reviewer has not decided it yet.</summary>
    public async Task<ReviewClaimResult?> ClaimAsync(Guid itemId, string reviewerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var mine = await LiveClaimAsync(db, itemId, reviewerId, now, cancellationToken);
        if (mine is not null) return mine;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM review_items WHERE id = {itemId} AND status IN ('Pending', 'InReview') FOR UPDATE").ToListAsync(cancellationToken);
        if (locked.Count == 0) return null;
        try
        {
            return await TakeSlotAsync(db, itemId, reviewerId, now, cancellationToken) is { } claim
                ? await CommitAsync(transaction, claim, cancellationToken)
                : null;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return null;
        }
    }

    /// <summary>Gives the reviewer's slot back to the queue (skip); decisions already made stay.</summary>
    public async Task<bool> RequeueAsync(Guid itemId, string reviewerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockItemAsync(db, itemId, cancellationToken);
        var now = clock.GetUtcNow();
        var released = await db.ReviewClaims.Where(c => c.ReviewItemId == itemId && c.ReviewerId == reviewerId && c.ReleasedAt == null && c.DecidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReleasedAt, now), cancellationToken);
        await RefreshStatusAsync(db, itemId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return released > 0;
    }

    public Task<ReviewSubmitResult> SubmitAsync(ReviewSubmission submission, CancellationToken cancellationToken) =>
        decisions.SubmitAsync(submission, cancellationToken);

    private async Task<(bool Done, ReviewClaimResult? Claim)> TryClaimAsync(string reviewerId, ReviewQueueFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // A reviewer who reloads gets the item they already hold.
        var held = await HeldQuery(db, reviewerId, now, filter)
            .OrderBy(c => c.ClaimedAt).Select(c => new ReviewClaimResult(c.ReviewItemId, c.Slot, c.LeaseExpiresAt)).FirstOrDefaultAsync(cancellationToken);
        if (held is not null) return (true, held);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidates = await db.Database.SqlQueryRaw<Guid>(ClaimSql.Build(filter), ClaimSql.Parameters(reviewerId, now, filter)).ToListAsync(cancellationToken);
        if (candidates.Count == 0) return (true, null);
        try
        {
            // The row lock is ours; a fresh statement sees claims committed since the search's snapshot.
            var claim = await TakeSlotAsync(db, candidates[0], reviewerId, now, cancellationToken);
            return claim is null ? (false, null) : (true, await CommitAsync(transaction, claim, cancellationToken));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return (false, null);
        }
    }

    private static IQueryable<ReviewClaim> HeldQuery(AiFlowDbContext db, string reviewerId, DateTimeOffset now, ReviewQueueFilter filter)
    {
        var items = db.ReviewItems.AsQueryable();
        if (filter.StepVersionId is { } step) items = items.Where(i => i.StepVersionId == step);
        if (filter.Reason is { } reason) items = items.Where(i => i.Reason == reason);
        if (filter.PipelineDefinitionId is { } pipeline) items = items.Where(i => db.PipelineRuns.Any(r => r.Id == i.PipelineRunId && r.PipelineDefinitionId == pipeline));
        return db.ReviewClaims.AsNoTracking()
            .Where(c => c.ReviewerId == reviewerId && c.ReleasedAt == null && c.DecidedAt == null && c.LeaseExpiresAt > now && !filter.Skip.Contains(c.ReviewItemId))
            .Where(c => items.Any(i => i.Id == c.ReviewItemId));
    }

    private async Task<ReviewClaimResult?> TakeSlotAsync(AiFlowDbContext db, Guid itemId, string reviewerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Expired leases give their slots back before anyone counts the free ones.
        await db.ReviewClaims.Where(c => c.ReviewItemId == itemId && c.ReleasedAt == null && c.DecidedAt == null && c.LeaseExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReleasedAt, now), cancellationToken);
        var item = await db.ReviewItems.AsNoTracking().Where(i => i.Id == itemId).Select(i => new { i.ReviewersNeeded, i.StepVersionId }).FirstAsync(cancellationToken);
        var live = await db.ReviewClaims.AsNoTracking().Where(c => c.ReviewItemId == itemId && c.ReleasedAt == null)
            .Select(c => new { c.Slot, c.ReviewerId }).ToListAsync(cancellationToken);
        if (live.Any(c => c.ReviewerId == reviewerId)) return null;
        var slot = Enumerable.Range(0, Math.Max(1, item.ReviewersNeeded)).Where(s => live.All(c => c.Slot != s)).DefaultIfEmpty(-1).First();
        if (slot < 0) return null;
        var minutes = await db.StepVersions.AsNoTracking().Where(v => v.Id == item.StepVersionId).Select(v => (int?)v.ReviewLeaseMinutes).FirstOrDefaultAsync(cancellationToken);
        var lease = TimeSpan.FromMinutes(minutes is > 0 ? minutes.Value : options.Value.DefaultLeaseMinutes);
        var claim = new ReviewClaim { ReviewItemId = itemId, Slot = slot, ReviewerId = reviewerId, ClaimedAt = now, LeaseExpiresAt = now + lease };
        db.ReviewClaims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        await db.ReviewItems.Where(i => i.Id == itemId && i.Status == ReviewItemStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ReviewItemStatus.InReview), cancellationToken);
        return new ReviewClaimResult(itemId, slot, claim.LeaseExpiresAt);
    }

    private static async Task<ReviewClaimResult> CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, ReviewClaimResult claim, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    private static Task<ReviewClaimResult?> LiveClaimAsync(AiFlowDbContext db, Guid itemId, string reviewerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ReviewClaims.AsNoTracking().Where(c => c.ReviewItemId == itemId && c.ReviewerId == reviewerId && c.ReleasedAt == null && c.DecidedAt == null && c.LeaseExpiresAt > now)
            .Select(c => new ReviewClaimResult(c.ReviewItemId, c.Slot, c.LeaseExpiresAt)).FirstOrDefaultAsync(cancellationToken);

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
