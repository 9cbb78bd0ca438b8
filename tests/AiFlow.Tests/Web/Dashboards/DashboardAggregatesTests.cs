using AiFlow.Domain.Metrics;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Dashboards;
using AiFlow.Tests.Domain.Metrics;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Dashboards.Data;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Web.Dashboards;

public class DashboardAggregatesTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 6, 0, 0, TimeSpan.Zero);

    private async Task SeedAsync()
    {
        await using var db = fixture.Database.CreateContext();
        if (await db.PipelineRuns.AnyAsync()) return;
        var alpha = await TestRuns.AddPipelineAsync(db, "dash-alpha");
        var beta = await TestRuns.AddPipelineAsync(db, "dash-beta");
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var pipeline = i % 3 == 0 ? beta : alpha;
            var run = TestRuns.Run(pipeline, Start.AddMinutes(i * 7), i % 5 == 0 ? RunStatus.Failed : RunStatus.Completed, 0, 0);
            db.PipelineRuns.Add(run);
            for (var s = 0; s < 3; s++)
            {
                var step = TestRuns.Step(run, pipeline.StepVersionId, "n" + s, (i + s) % 7 == 0 ? StepRunStatus.Failed : StepRunStatus.Completed,
                    random.Next(10, 2000), Math.Round((decimal)random.NextDouble(), 6), random.Next(1, 500),
                    model: s == 2 ? "big" : "small", endpoint: s == 0 ? "gpu-a" : "gpu-b", irValid: s == 1 ? i % 4 != 0 : null);
                step.StartedAt = run.StartedAt!.Value.AddSeconds(s);
                step.FinishedAt = step.StartedAt.Value.AddMilliseconds(step.LatencyMs!.Value);
                step.IdempotencyKey = $"{run.Id:N}:{step.NodeKey}:1";
                run.CostUsd += step.CostUsd;
                run.TokensIn += step.TokensIn;
                db.StepRuns.Add(step);
            }
        }
        await db.SaveChangesAsync();
        await new DashboardRollups(new TestContextFactory(fixture.Database)).RefreshAsync(CancellationToken.None);
    }

    /// <summary>The rollups keep latency histograms, so a percentile may differ from percentile_cont by the stated bound, no more.</summary>
    private static void AssertWithinBound(IReadOnlyList<int> latencies, double p, double? estimate)
    {
        var exact = LatencyHistogramTests.ExactPercentile(latencies, p);
        var slack = LatencyHistogram.RelativeErrorBound * exact;
        Assert.InRange(estimate!.Value, exact - slack, exact + slack);
    }

    [Fact]
    public async Task Dashboard_aggregates_from_the_rollups_equal_a_naive_query_over_the_same_rows_and_percentiles_stay_within_the_bucket_bound()
    {
        await SeedAsync();
        var from = Start;
        var to = Start.AddHours(8);
        var data = await new DashboardQueries(new TestContextFactory(fixture.Database)).LoadAsync(from, to, CancellationToken.None);

        await using var db = fixture.Database.CreateContext();
        var steps = await db.StepRuns.AsNoTracking().Where(s => s.FinishedAt >= from && s.FinishedAt < to).ToListAsync();
        var runs = await db.PipelineRuns.AsNoTracking().Where(r => r.CreatedAt >= from && r.CreatedAt < to).ToListAsync();
        var artifacts = await db.IrArtifacts.AsNoTracking().ToListAsync();

        Assert.True(data.Hourly);
        Assert.Equal(8, data.Series.Count);
        Assert.Equal(runs.Count, data.Runs);
        Assert.Equal(steps.Count, data.Steps);
        Assert.Equal(steps.Count(s => s.Status == StepRunStatus.Failed), data.FailedSteps);
        Assert.Equal(steps.Sum(s => (long)s.TokensIn + s.TokensOut), data.Tokens);
        Assert.Equal(steps.Sum(s => s.CostUsd), data.CostUsd);
        foreach (var bucket in data.Series)
        {
            var inBucket = steps.Where(s => s.FinishedAt!.Value.UtcDateTime >= bucket.Bucket && s.FinishedAt.Value.UtcDateTime < bucket.Bucket.AddHours(1)).ToList();
            Assert.Equal(inBucket.Sum(s => s.CostUsd), bucket.CostUsd);
            if (inBucket.Count > 0) AssertWithinBound([.. inBucket.Select(s => s.LatencyMs!.Value)], 0.95, bucket.P95Ms);
            else Assert.Null(bucket.P95Ms);
        }
        Assert.Equal(steps.Count, data.Latency.Steps);
        AssertWithinBound([.. steps.Select(s => s.LatencyMs!.Value)], 0.5, data.Latency.P50Ms);
        AssertWithinBound([.. steps.Select(s => s.LatencyMs!.Value)], 0.95, data.Latency.P95Ms);

        foreach (var model in data.ByModel)
        {
            Assert.Equal(steps.Where(s => s.Model == model.Key).Sum(s => s.CostUsd), model.CostUsd);
            Assert.Equal(steps.Count(s => s.Model == model.Key), model.Steps);
        }
        Assert.Equal(steps.Where(s => s.EndpointName == "gpu-a").Sum(s => (long)s.TokensIn), data.ByEndpoint.Single(e => e.Key == "gpu-a").Tokens);
        var alphaCost = runs.Where(r => r.PipelineDefinitionId == data.ByPipeline.Single(p => p.Key == "dash-alpha").Id).Sum(r => r.CostUsd);
        Assert.Equal(alphaCost, data.ByPipeline.Single(p => p.Key == "dash-alpha").CostUsd);

        var validated = steps.Where(s => artifacts.Any(a => a.StepRunId == s.Id)).ToList();
        Assert.Equal(validated.Count, data.Validation.Sum(v => v.Total));
        Assert.Equal(validated.Count(s => artifacts.Single(a => a.StepRunId == s.Id).IsValid), data.Validation.Sum(v => v.Valid));
    }

    [Fact]
    public async Task A_range_longer_than_three_days_is_bucketed_by_day()
    {
        await SeedAsync();
        var data = await new DashboardQueries(new TestContextFactory(fixture.Database)).LoadAsync(Start.AddDays(-10), Start.AddDays(1), CancellationToken.None);

        Assert.False(data.Hourly);
        Assert.Equal(60, data.Runs);
        Assert.Equal(180, data.Steps);
        Assert.Equal(60, data.Series.Single(b => b.Runs > 0).Runs);
    }

    [Fact]
    public async Task A_day_bucketed_range_that_ends_mid_day_counts_its_last_day_only_up_to_the_end()
    {
        await SeedAsync();
        var data = await new DashboardQueries(new TestContextFactory(fixture.Database)).LoadAsync(Start.AddDays(-5), Start.AddHours(3), CancellationToken.None);

        await using var db = fixture.Database.CreateContext();
        var steps = await db.StepRuns.AsNoTracking().Where(s => s.FinishedAt >= data.From && s.FinishedAt < data.To).ToListAsync();
        Assert.False(data.Hourly);
        Assert.Equal(Start.AddDays(-5).UtcDateTime.Date, data.From.UtcDateTime);
        Assert.Equal(Start.AddHours(3), data.To);
        Assert.InRange(steps.Count, 1, 179);
        Assert.Equal(steps.Count, data.Steps);
        Assert.Equal(steps.Sum(s => s.CostUsd), data.CostUsd);
        Assert.Equal(steps.Count, data.Latency.Steps);
        Assert.Equal(await db.PipelineRuns.CountAsync(r => r.CreatedAt >= data.From && r.CreatedAt < data.To), data.Runs);
    }
}
