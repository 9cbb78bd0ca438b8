using AiFlow.Infrastructure.Dashboards;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Dashboards;
using AiFlow.Web.Features.Dashboards.Data;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Web.Dashboards;

public class DashboardsPageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_latency_figure_says_it_is_an_estimate_and_how_far_off_it_can_be()
    {
        await using var ctx = MudBunit.NewContext();
        ctx.Services.AddSingleton<IDbContextFactory<AiFlowDbContext>>(new TestContextFactory(fixture.Database));
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton<DashboardQueries>();
        ctx.Services.AddSingleton<DashboardRollups>();
        ctx.Services.AddSingleton<AiFlow.Infrastructure.Judges.JudgeService>();
        ctx.Services.AddSingleton<AiFlow.Infrastructure.Judges.JudgeAgreementService>();
        ctx.Services.AddOptions<AiFlow.Infrastructure.Budgets.BudgetOptions>();
        ctx.Services.AddSingleton<AiFlow.Infrastructure.Budgets.BudgetSpendReader>();

        var page = ctx.Render<DashboardsPage>();

        var hint = page.WaitForElement("[data-testid=dash-latency-hint]", TimeSpan.FromSeconds(10));
        Assert.Contains("within ±4.43 % of the exact percentile", hint.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboards_say_when_their_rollups_were_last_refreshed()
    {
        await new DashboardRollups(new TestContextFactory(fixture.Database)).RefreshAsync(CancellationToken.None);
        await using var db = fixture.Database.CreateContext();
        // Seven minutes ago, as if the minutely job had stopped.
        await db.Database.ExecuteSqlRawAsync("UPDATE rollup_state SET refreshed_at = now() - interval '7 minutes' WHERE name = 'dashboards'");
        await using var ctx = MudBunit.NewContext();
        ctx.Services.AddSingleton<IDbContextFactory<AiFlowDbContext>>(new TestContextFactory(fixture.Database));
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton<DashboardQueries>();
        ctx.Services.AddSingleton<DashboardRollups>();
        ctx.Services.AddSingleton<AiFlow.Infrastructure.Judges.JudgeService>();
        ctx.Services.AddSingleton<AiFlow.Infrastructure.Judges.JudgeAgreementService>();
        ctx.Services.AddOptions<AiFlow.Infrastructure.Budgets.BudgetOptions>();
        ctx.Services.AddSingleton<AiFlow.Infrastructure.Budgets.BudgetSpendReader>();

        var page = ctx.Render<DashboardsPage>();

        var rolledUp = page.WaitForElement("[data-testid=dash-rolled-up]", TimeSpan.FromSeconds(10));
        Assert.Equal("Rolled up 7 min ago", rolledUp.TextContent);
    }
}
