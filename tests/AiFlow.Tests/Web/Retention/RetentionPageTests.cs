using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retention;
using AiFlow.Tests.Infrastructure.Retention;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Retention;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace AiFlow.Tests.Web.Retention;

public class RetentionPageTests
{
    [Fact]
    public async Task The_retention_page_shows_what_the_last_purge_removed_per_kind_and_the_policy_in_force()
    {
        await using var h = await RetentionHarness.CreateAsync();
        h.Options.RequestLogsDays = 30;
        h.Options.RawResponsesDays = null;
        await using (var db = h.Database.CreateContext())
        {
            db.AiRequestLogs.AddRange(RetentionHarness.RequestLog(DateTimeOffset.UtcNow.AddDays(-31)), RetentionHarness.RequestLog(DateTimeOffset.UtcNow.AddDays(-32)));
            await db.SaveChangesAsync();
        }
        await h.PurgeAsync();
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<IDbContextFactory<AiFlowDbContext>>(h.Contexts);
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        ctx.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        ctx.Services.AddSingleton<IOptionsMonitor<RetentionOptions>>(new StaticRetentionOptions(h.Options));
        ctx.Services.AddSingleton<RequestLogPartitions>();
        ctx.Services.AddSingleton<RetentionStatusQueries>();

        var page = ctx.Render<RetentionPage>();

        var logs = page.WaitForElement("[data-kind=request-logs]", TimeSpan.FromSeconds(30));
        var cells = logs.QuerySelectorAll("td").Select(c => Squash(c.TextContent)).ToList();
        Assert.Equal(("Request logs", "30 days"), (cells[0], cells[1]));
        Assert.StartsWith("2 (", cells[2], StringComparison.Ordinal);
        Assert.Contains("for ever", page.Find("[data-kind=raw-responses]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Last purge:", page.Find("[data-testid=retention-last]").TextContent, StringComparison.Ordinal);
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
