using AiFlow.Domain.Runs;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Runs.List;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Web.Runs;

public class RunFilterTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private (Guid PipelineId, Guid VersionId, Guid StepVersionId) alpha;
    private (Guid PipelineId, Guid VersionId, Guid StepVersionId) beta;
    private bool seeded;

    private async Task SeedAsync()
    {
        if (seeded) return;
        await using var db = fixture.Database.CreateContext();
        if (await db.PipelineDefinitions.AnyAsync(p => p.Key == "filter-alpha"))
        {
            alpha = await Ids(db, "filter-alpha");
            beta = await Ids(db, "filter-beta");
            seeded = true;
            return;
        }
        alpha = await TestRuns.AddPipelineAsync(db, "filter-alpha");
        beta = await TestRuns.AddPipelineAsync(db, "filter-beta");
        var r1 = TestRuns.Run(alpha, Day, RunStatus.Completed, 0.50m, 100, """{"customer":"Ada Lovelace"}""");
        var r2 = TestRuns.Run(alpha, Day.AddDays(1), RunStatus.Failed, 2.00m, 300, """{"customer":"Grace 100%"}""", RunTrigger.Console);
        var r3 = TestRuns.Run(beta, Day.AddDays(2), RunStatus.Completed, 0.10m, 50, """{"customer":"alan"}""");
        db.PipelineRuns.AddRange(r1, r2, r3);
        db.StepRuns.Add(TestRuns.Step(r1, alpha.StepVersionId, "a", StepRunStatus.Completed, 100, 0.5m, 100, irValid: true));
        db.StepRuns.Add(TestRuns.Step(r2, alpha.StepVersionId, "a", StepRunStatus.Completed, 100, 2m, 300, irValid: false));
        await db.SaveChangesAsync();
        seeded = true;
    }

    private static async Task<(Guid, Guid, Guid)> Ids(AiFlow.Infrastructure.Persistence.AiFlowDbContext db, string key)
    {
        var p = await db.PipelineDefinitions.SingleAsync(x => x.Key == key);
        var v = await db.PipelineVersions.SingleAsync(x => x.PipelineDefinitionId == p.Id);
        return (p.Id, v.Id, v.Dag.Nodes[0].StepVersionId);
    }

    private async Task<List<string>> InputsAsync(RunFilter filter)
    {
        await SeedAsync();
        await using var db = fixture.Database.CreateContext();
        var inputs = await filter.Apply(db.PipelineRuns.AsNoTracking())
            .Where(r => r.PipelineDefinitionId == alpha.PipelineId || r.PipelineDefinitionId == beta.PipelineId)
            .OrderBy(r => r.CreatedAt).Select(r => r.InputJson).ToListAsync();
        return [.. inputs.Select(i => System.Text.Json.JsonDocument.Parse(i).RootElement.GetProperty("customer").GetString()!)];
    }

    [Fact]
    public async Task RunFilter_filters_by_pipeline_status_and_trigger()
    {
        await SeedAsync();
        Assert.Equal(["Ada Lovelace", "Grace 100%"], await InputsAsync(new RunFilter { PipelineId = alpha.PipelineId }));
        Assert.Equal(["alan"], await InputsAsync(new RunFilter { PipelineVersionId = beta.VersionId }));
        Assert.Equal(["Grace 100%"], await InputsAsync(new RunFilter { Status = RunStatus.Failed }));
        Assert.Equal(["Grace 100%"], await InputsAsync(new RunFilter { Trigger = RunTrigger.Console }));
    }

    [Fact]
    public async Task RunFilter_filters_by_date_range_cost_range_and_invalid_ir()
    {
        Assert.Equal(["Grace 100%"], await InputsAsync(new RunFilter { From = Day.AddHours(1), To = Day.AddDays(2) }));
        Assert.Equal(["Ada Lovelace", "Grace 100%"], await InputsAsync(new RunFilter { MinCost = 0.5m }));
        Assert.Equal(["Ada Lovelace", "alan"], await InputsAsync(new RunFilter { MaxCost = 0.5m }));
        Assert.Equal(["Grace 100%"], await InputsAsync(new RunFilter { HasInvalidIr = true }));
        Assert.Equal(["Ada Lovelace", "alan"], await InputsAsync(new RunFilter { HasInvalidIr = false }));
    }

    [Fact]
    public async Task RunFilter_finds_text_in_the_input_case_insensitively_and_literally()
    {
        Assert.Equal(["Ada Lovelace"], await InputsAsync(new RunFilter { Text = "LOVELACE" }));
        Assert.Equal(["alan"], await InputsAsync(new RunFilter { Text = "ALAN" }));
        Assert.Equal(["Grace 100%"], await InputsAsync(new RunFilter { Text = "100%" }));
        Assert.Empty(await InputsAsync(new RunFilter { Text = "10_%" }));
        // Typed or pasted into the search box, a NUL would otherwise reach PostgreSQL and fail the page.
        Assert.Equal(["Ada Lovelace"], await InputsAsync(new RunFilter { Text = "Love\0lace" }));
    }

    [Fact]
    public void RunFilter_round_trips_through_the_query_string()
    {
        var filter = new RunFilter
        {
            PipelineId = Guid.NewGuid(), Status = RunStatus.Failed, Trigger = RunTrigger.Api, From = Day, To = Day.AddDays(1),
            HasInvalidIr = true, MinCost = 0.25m, MaxCost = 3m, Text = "ada",
        };
        var query = filter.ToQuery();
        var back = RunFilter.FromQuery(k => query.GetValueOrDefault(k));

        Assert.Equal(filter.PipelineId, back.PipelineId);
        Assert.Equal(filter.Status, back.Status);
        Assert.Equal(filter.From, back.From);
        Assert.Equal(filter.To, back.To);
        Assert.Equal(filter.HasInvalidIr, back.HasInvalidIr);
        Assert.Equal(filter.MinCost, back.MinCost);
        Assert.Equal("ada", back.Text);
    }

    [Fact]
    public async Task The_run_list_totals_cover_the_whole_filtered_set_not_just_the_page()
    {
        await SeedAsync();
        var queries = new RunListQueries(new TestContextFactory(fixture.Database));

        var page = await queries.PageAsync(new RunFilter { PipelineId = alpha.PipelineId }, RunSort.Cost, true, 0, 1, CancellationToken.None);

        var row = Assert.Single(page.Items);
        Assert.Equal(2.00m, row.CostUsd);
        Assert.Equal("filter-alpha", row.PipelineKey);
        Assert.Equal(2, page.Totals.Runs);
        Assert.Equal(400, page.Totals.Tokens);
        Assert.Equal(2.50m, page.Totals.CostUsd);
        Assert.Equal(20, page.Totals.DurationSeconds, 3);
    }

    [Fact]
    public async Task The_pipeline_list_gives_ids_names_and_each_version_with_its_status()
    {
        await SeedAsync();
        var queries = new RunListQueries(new TestContextFactory(fixture.Database));

        var listed = Assert.Single(await queries.PipelinesAsync(CancellationToken.None), p => p.Key == "filter-alpha");

        Assert.Equal(alpha.PipelineId, listed.Id);
        Assert.Equal("filter-alpha", listed.Name);
        var version = Assert.Single(listed.Versions);
        Assert.Equal(new VersionOption(alpha.VersionId, 1, AiFlow.Domain.Steps.VersionStatus.Published, IsActive: true), version);
        Assert.False(version.IsDraft);
    }
}
