using AiFlow.Domain.Runs;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Dashboards.Data;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Retention;

/// <summary>Summaries are kept for ever: the dashboards add up the same after a purge as before it.</summary>
public class RetentionDashboardTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Dashboard_totals_are_the_same_after_a_purge_as_before_it()
    {
        await using var h = await RetentionHarness.CreateAsync();
        await SeedAsync(h);
        await h.Rollups.RefreshAsync(CancellationToken.None);
        var before = await TotalsAsync(h);

        var purge = await h.PurgeAsync();
        await h.Rollups.RefreshAsync(CancellationToken.None);

        Assert.True(purge.IrArtifacts > 0 && purge.RawResponses > 0 && purge.RequestLogs > 0, "the purge must have removed something");
        Assert.Equal(before, await TotalsAsync(h));
    }

    [Fact]
    public async Task A_purge_rolls_up_a_period_that_was_not_rolled_up_before_it_removes_its_ir()
    {
        await using var h = await RetentionHarness.CreateAsync();
        await SeedAsync(h);

        var purge = await h.PurgeAsync();
        await h.Rollups.RefreshAsync(CancellationToken.None);

        Assert.Equal(10, purge.IrArtifacts);
        var totals = await TotalsAsync(h);
        Assert.Equal((11L, 9L), (totals.IrTotal, totals.IrValid));
    }

    /// <summary>Ten finished runs 100 days ago (one failed with invalid IR), with request logs; all past every TTL.</summary>
    private static async Task SeedAsync(RetentionHarness h)
    {
        (h.Options.RawResponsesDays, h.Options.RenderedPromptsDays, h.Options.SuccessfulIrArtifactsDays, h.Options.RequestLogsDays) = (30, 30, 30, 30);
        await using var db = h.Database.CreateContext();
        var pipeline = await TestRuns.AddPipelineAsync(db, "summed");
        for (var i = 0; i < 10; i++)
        {
            var status = i == 3 ? StepRunStatus.Failed : StepRunStatus.Completed;
            var (run, step) = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-100).AddHours(i), status, latencyMs: 50 * (i + 1), irValid: i != 3);
            db.PipelineRuns.Add(run);
            db.StepRuns.Add(step);
            db.AiRequestLogs.Add(RetentionHarness.RequestLog(run.CreatedAt));
        }
        // One completed step whose IR failed validation: counted invalid, and its IR goes with the rest.
        var (extraRun, extraStep) = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-100).AddHours(11), irValid: false);
        db.PipelineRuns.Add(extraRun);
        db.StepRuns.Add(extraStep);
        await db.SaveChangesAsync();
    }

    private static async Task<Totals> TotalsAsync(RetentionHarness h)
    {
        var d = await new DashboardQueries(h.Contexts).LoadAsync(Now.AddDays(-120), Now, CancellationToken.None);
        return new Totals(d.Runs, d.Steps, d.FailedSteps, d.Tokens, d.CostUsd, d.Latency.P50Ms, d.Latency.P95Ms,
            d.Validation.Sum(v => v.Total), d.Validation.Sum(v => v.Valid));
    }

    private sealed record Totals(long Runs, long Steps, long FailedSteps, long Tokens, decimal CostUsd, double? P50Ms, double? P95Ms, long IrTotal, long IrValid);
}
