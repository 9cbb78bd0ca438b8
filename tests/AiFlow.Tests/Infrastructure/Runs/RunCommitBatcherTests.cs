using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Tests.Infrastructure.Runs;

/// <summary>
/// The worker's group commit against a real database. Two commits whose rows wait on a gate hold both of the batcher's
/// writers, so what is sent meanwhile queues and is written as one group when the gate opens.
/// </summary>
[Collection(QuietCollection.Name)]
public sealed class RunCommitBatcherTests : EngineTestBase
{
    private const string Owner = "worker-under-test";

    [Fact]
    public async Task Commits_waiting_together_share_one_transaction_and_a_run_whose_lease_is_gone_gets_none_of_its_rows_while_the_others_get_theirs()
    {
        var (stepVersionId, runs) = await AddHeldRunsAsync(5);
        var batcher = Engine.Services.GetRequiredService<RunCommitBatcher>();
        await using var gate = await HoldBothWritersAsync(batcher, runs[0], runs[1], stepVersionId);

        var first = batcher.CommitAsync(new StepWrite(runs[2], 1, stepVersionId, "s1"), CancellationToken.None);
        var second = batcher.CommitAsync(new StepWrite(runs[3], 1, stepVersionId, "s1"), CancellationToken.None);
        var stale = batcher.CommitAsync(new StepWrite(runs[4], 0, stepVersionId, "s1"), CancellationToken.None);
        gate.Open();

        Assert.NotNull(await first);
        Assert.NotNull(await second);
        await Assert.ThrowsAsync<LeaseLostException>(() => stale);
        await using var db = Database.CreateContext();
        Assert.Equal(1, await db.StepRuns.CountAsync(s => s.PipelineRunId == runs[2]));
        Assert.Equal(1, await db.StepRuns.CountAsync(s => s.PipelineRunId == runs[3]));
        Assert.Equal(0, await db.StepRuns.CountAsync(s => s.PipelineRunId == runs[4]));
        // The fence's UPDATE stamps each run row with its transaction: the two that queued together were written in one.
        var transactions = await TransactionsOfAsync(db, runs[2], runs[3], runs[0]);
        Assert.Equal(transactions[runs[2]], transactions[runs[3]]);
        Assert.NotEqual(transactions[runs[0]], transactions[runs[2]]);
        var tokens = await TokensAsync(db, runs[4], runs[2], runs[3]);
        Assert.Equal([0, 1, 1], tokens);
    }

    [Fact]
    public async Task A_group_that_fails_as_a_whole_is_written_again_commit_by_commit_so_only_the_commit_at_fault_fails()
    {
        var (stepVersionId, runs) = await AddHeldRunsAsync(4);
        var batcher = Engine.Services.GetRequiredService<RunCommitBatcher>();
        // runs[3] already has s1's attempt 1: a commit starting it again breaks the unique key of (run, node, attempt).
        Assert.NotNull(await batcher.CommitAsync(new StepWrite(runs[3], 1, stepVersionId, "s1"), CancellationToken.None));
        await using var gate = await HoldBothWritersAsync(batcher, runs[0], runs[1], stepVersionId);

        var good = batcher.CommitAsync(new StepWrite(runs[2], 1, stepVersionId, "s1"), CancellationToken.None);
        var clash = batcher.CommitAsync(new StepWrite(runs[3], 1, stepVersionId, "s1"), CancellationToken.None);
        gate.Open();

        Assert.NotNull(await good);
        await Assert.ThrowsAsync<DbUpdateException>(() => clash);
        await using var db = Database.CreateContext();
        Assert.Equal(1, await db.StepRuns.CountAsync(s => s.PipelineRunId == runs[2]));
        Assert.Equal(1, await db.StepRuns.CountAsync(s => s.PipelineRunId == runs[3]));
        // The refused commit's fence was rolled back with its rows: the run counts only the first commit's token.
        var tokens = await TokensAsync(db, runs[2], runs[3]);
        Assert.Equal([1, 1], tokens);
    }

    [Fact]
    public async Task A_commit_cancelled_while_it_waits_for_a_group_is_withdrawn_and_writes_nothing()
    {
        var (stepVersionId, runs) = await AddHeldRunsAsync(3);
        var batcher = Engine.Services.GetRequiredService<RunCommitBatcher>();
        await using var gate = await HoldBothWritersAsync(batcher, runs[0], runs[1], stepVersionId);
        using var cancel = new CancellationTokenSource();

        var waiting = batcher.CommitAsync(new StepWrite(runs[2], 1, stepVersionId, "s1"), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.Open();
        await gate.DisposeAsync();

        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.StepRuns.CountAsync(s => s.PipelineRunId == runs[2]));
        var tokens = await TokensAsync(db, runs[2]);
        Assert.Equal([0], tokens);
    }

    /// <summary>
    /// Sends two commits whose rows wait until the gate opens, one at a time (sent together they could share a group),
    /// and returns once each writer is inside its own.
    /// </summary>
    private static async Task<Gate> HoldBothWritersAsync(RunCommitBatcher batcher, Guid first, Guid second, Guid stepVersionId)
    {
        var gate = new Gate();
        foreach (var run in new[] { first, second })
        {
            gate.Held.Add(batcher.CommitAsync(new StepWrite(run, 1, stepVersionId, "held", gate), CancellationToken.None));
            Assert.True(await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30)), "the batcher did not take a held commit");
        }
        return gate;
    }

    private async Task<(Guid StepVersionId, Guid[] Runs)> AddHeldRunsAsync(int count)
    {
        var key = "batch-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = Database.CreateContext();
        var route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
        var step = await TestPipelines.AddLlmStepAsync(db, "answer-" + key, route, """{"type":"object"}""", "Answer.");
        await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Llm("s1", step));
        var runs = new Guid[count];
        for (var i = 0; i < count; i++) runs[i] = await TestPipelines.AddQueuedRunAsync(db, key, "{}");
        // Held by this worker with fencing token 1, as RunExecutor leaves a run it has taken.
        await db.PipelineRuns.Where(r => runs.Contains(r.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.LeaseOwner, Owner)
            .SetProperty(r => r.FencingToken, 1).SetProperty(r => r.StartedAt, DateTimeOffset.UtcNow));
        return (step, runs);
    }

    private static async Task<Dictionary<Guid, string>> TransactionsOfAsync(AiFlowDbContext db, params Guid[] runs)
    {
        var rows = await db.Database.SqlQuery<RunTransaction>($"SELECT id AS \"Id\", xmin::text AS \"Xmin\" FROM pipeline_runs WHERE id = ANY({runs})").ToListAsync();
        return rows.ToDictionary(r => r.Id, r => r.Xmin);
    }

    /// <summary>Each run's tokens_in, which every fence that held adds 1 to.</summary>
    private static async Task<int[]> TokensAsync(AiFlowDbContext db, params Guid[] runs)
    {
        var tokens = await db.PipelineRuns.AsNoTracking().Where(r => runs.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.TokensIn);
        return [.. runs.Select(r => tokens.GetValueOrDefault(r))];
    }

    private sealed record RunTransaction(Guid Id, string Xmin);

    private sealed class Gate : IAsyncDisposable
    {
        private readonly ManualResetEventSlim open = new();

        public SemaphoreSlim Entered { get; } = new(0);

        public List<Task<DateTimeOffset?>> Held { get; } = [];

        public void Wait()
        {
            Entered.Release();
            open.Wait(TimeSpan.FromSeconds(60));
        }

        public void Open() => open.Set();

        public async ValueTask DisposeAsync()
        {
            open.Set();
            foreach (var held in Held) Assert.NotNull(await held);
        }
    }

    /// <summary>A commit like the engine's: a fence on the run's token (adding 1 to its tokens_in), then a step run row.</summary>
    private sealed class StepWrite(Guid runId, long fencingToken, Guid stepVersionId, string nodeKey, Gate? gate = null) : IGroupedRunWrite
    {
        public Guid RunId => runId;

        public NpgsqlBatchCommand Fence() => new("UPDATE pipeline_runs SET tokens_in = tokens_in + 1 WHERE id = $1 AND fencing_token = $2 AND lease_owner = $3 RETURNING started_at")
        {
            Parameters =
            {
                new() { Value = runId, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = fencingToken, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = Owner, NpgsqlDbType = NpgsqlDbType.Text },
            },
        };

        public void Apply(AiFlowDbContext db)
        {
            gate?.Wait();
            db.StepRuns.Add(new StepRun
            {
                PipelineRunId = runId, NodeKey = nodeKey, StepVersionId = stepVersionId, Attempt = 1, Status = StepRunStatus.Running,
                ParamsJson = "{}", IdempotencyKey = $"{runId:N}:{nodeKey}:1", StartedAt = DateTimeOffset.UtcNow,
            });
        }
    }
}
