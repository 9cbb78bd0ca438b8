using AiFlow.Domain.Reviews;
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
