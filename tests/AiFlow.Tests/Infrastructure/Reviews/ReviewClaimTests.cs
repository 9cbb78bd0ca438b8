using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AiFlow.Tests.Infrastructure.Reviews;

/// <summary>The one-statement claim (<see cref="ClaimSql"/>): lease handling, opening one item, and the plan it runs with.</summary>
public class ReviewClaimTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<(Guid Step, List<Guid> Items)> SeedAsync(int count, int reviewersNeeded = 1)
    {
        await using var db = fixture.Database.CreateContext();
        var step = await TestPipelines.AddHumanReviewStepAsync(db, "claim-" + Guid.NewGuid().ToString("N")[..8], reviewersNeeded: reviewersNeeded);
        return (step, await ReviewSeed.AddItemsAsync(db, step, count, reviewersNeeded));
    }

    [Fact]
    public async Task A_reviewer_whose_lease_lapsed_gets_the_same_slot_back_with_a_fresh_lease_and_the_old_claim_released()
    {
        var (step, items) = await SeedAsync(1);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ReviewTestHost(fixture.Database, clock);
        var filter = new ReviewQueueFilter(StepVersionId: step);

        var first = await host.Queue.ClaimNextAsync("ann", filter, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(11));
        var again = await host.Queue.ClaimNextAsync("ann", filter, CancellationToken.None);

        Assert.Equal((items[0], 0), (again!.ItemId, again.Slot));
        Assert.Equal(clock.GetUtcNow().AddMinutes(10), again.LeaseExpiresAt);
        Assert.True(again.LeaseExpiresAt > first!.LeaseExpiresAt);
        await using var db = fixture.Database.CreateContext();
        var claims = await db.ReviewClaims.Where(c => c.ReviewItemId == items[0]).OrderBy(c => c.ClaimedAt).ToListAsync();
        Assert.Equal(2, claims.Count);
        Assert.NotNull(claims[0].ReleasedAt);
        Assert.Null(claims[1].ReleasedAt);
    }

    [Fact]
    public async Task The_step_versions_own_lease_length_wins_over_the_default()
    {
        var (step, _) = await SeedAsync(1);
        await using (var db = fixture.Database.CreateContext())
        {
            await db.StepVersions.Where(v => v.Id == step).ExecuteUpdateAsync(s => s.SetProperty(v => v.ReviewLeaseMinutes, 3));
        }
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ReviewTestHost(fixture.Database, clock);

        var claim = await host.Queue.ClaimNextAsync("ann", new ReviewQueueFilter(StepVersionId: step), CancellationToken.None);

        Assert.Equal(clock.GetUtcNow().AddMinutes(3), claim!.LeaseExpiresAt);
    }

    [Fact]
    public async Task Opening_an_item_claims_its_free_slot_once_and_a_full_item_gives_a_second_reviewer_nothing()
    {
        var (_, items) = await SeedAsync(2);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);

        var ann = await host.Queue.ClaimAsync(items[1], "ann", CancellationToken.None);
        var annAgain = await host.Queue.ClaimAsync(items[1], "ann", CancellationToken.None);
        var bob = await host.Queue.ClaimAsync(items[1], "bob", CancellationToken.None);

        Assert.Equal(items[1], ann!.ItemId);
        Assert.Equal((ann.ItemId, ann.Slot), (annAgain!.ItemId, annAgain.Slot));
        Assert.Equal(ann.LeaseExpiresAt, annAgain.LeaseExpiresAt, TimeSpan.FromMilliseconds(1));
        Assert.Null(bob);
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, await db.ReviewClaims.CountAsync(c => c.ReviewItemId == items[1]));
        Assert.Equal(ReviewItemStatus.InReview, (await db.ReviewItems.SingleAsync(i => i.Id == items[1])).Status);
        Assert.Equal(ReviewItemStatus.Pending, (await db.ReviewItems.SingleAsync(i => i.Id == items[0])).Status);
    }

    [Fact]
    public async Task On_ten_thousand_open_items_and_as_many_decided_the_claim_walks_the_open_queue_index_and_never_scans_a_table()
    {
        var step = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var seed = new NpgsqlCommand($"""
            INSERT INTO review_items (id, pipeline_run_id, step_run_id, step_version_id, node_key, reason, status, reviewers_needed, decisions_count, created_at)
            SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '{step}', 'check', 'Sampling', 'Pending', 1, 0, now() + g * interval '1 microsecond'
            FROM generate_series(1, 10000) g;
            -- History: as many decided items, each with its decided claim.
            WITH done AS (
                INSERT INTO review_items (id, pipeline_run_id, step_run_id, step_version_id, node_key, reason, status, reviewers_needed, decisions_count, created_at)
                SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '{step}', 'check', 'Sampling', 'Completed', 1, 1, now() - g * interval '1 second'
                FROM generate_series(1, 10000) g
                RETURNING id)
            INSERT INTO review_claims (id, review_item_id, slot, reviewer_id, claimed_at, lease_expires_at, decided_at)
            SELECT gen_random_uuid(), id, 0, 'reviewer-' || (random() * 20)::int, now(), now() + interval '10 minutes', now() FROM done;
            ANALYZE review_items; ANALYZE review_claims;
            """, connection))
        {
            await seed.ExecuteNonQueryAsync();
        }

        foreach (var (filter, index) in new[] { (ReviewQueueFilter.None, "ix_review_items_open_queue"), (new ReviewQueueFilter(StepVersionId: step), "ix_review_items_open_queue_by_step") })
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + ClaimSql.Build(filter, oneItem: false), connection);
            explain.Parameters.AddRange(ClaimSql.Parameters(Guid.NewGuid(), "ann", DateTimeOffset.UtcNow, 10, filter, null));
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
            }

            Assert.Contains(plan, line => line.Contains($"Index Scan using {index} on review_items", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on review_", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.Contains("->  Sort", StringComparison.Ordinal));
        }
    }
}
