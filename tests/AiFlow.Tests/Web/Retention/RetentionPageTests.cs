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

namespace AiFlow.Tests.Web.Retention;

public class RetentionPageTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

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
        await using var ctx = MudBunit.NewContext();
        ctx.Services.AddSingleton<IDbContextFactory<AiFlowDbContext>>(h.Contexts);
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        ctx.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        ctx.Services.AddSingleton<IOptionsMonitor<RetentionOptions>>(new StaticRetentionOptions(h.Options));
        ctx.Services.AddSingleton<RequestLogPartitions>();
        ctx.Services.AddSingleton<StepRunTextPartitions>();
        ctx.Services.AddSingleton<RetentionStatusQueries>();

        var page = ctx.Render<RetentionPage>();

        var logs = page.WaitForElement("[data-kind=request-logs]", TimeSpan.FromSeconds(30));
        var cells = logs.QuerySelectorAll("td").Select(c => Squash(c.TextContent)).ToList();
        Assert.Equal(("Request logs", "30 days"), (cells[0], cells[1]));
        Assert.StartsWith("2 (", cells[2], StringComparison.Ordinal);
        Assert.Contains("for ever", page.Find("[data-kind=raw-responses]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Last purge:", page.Find("[data-testid=retention-last]").TextContent, StringComparison.Ordinal);
        var thisMonth = h.Texts.NameOf(MonthlyPartitions.MonthOf(DateTimeOffset.UtcNow));
        Assert.Contains(thisMonth, page.Find("[data-testid=retention-text-partitions]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retention_page_shows_the_media_ttl_and_how_many_assets_the_last_purge_deleted()
    {
        await using var h = await RetentionHarness.CreateAsync();
        h.Options.MediaDays = 45;
        await using (var db = h.Database.CreateContext())
        {
            await AiFlow.Infrastructure.Seeding.DemoMedia.AddAsync(db, h.MediaStorage, [1, 2, 3], "old.png", "image/png", AiFlow.Domain.Media.MediaKind.Image,
                1, 1, null, "test", DateTimeOffset.UtcNow.AddDays(-60), CancellationToken.None);
        }
        await h.PurgeAsync();
        await using var ctx = MudBunit.NewContext();
        ctx.Services.AddSingleton<IDbContextFactory<AiFlowDbContext>>(h.Contexts);
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        ctx.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        ctx.Services.AddSingleton<IOptionsMonitor<RetentionOptions>>(new StaticRetentionOptions(h.Options));
        ctx.Services.AddSingleton<RequestLogPartitions>();
        ctx.Services.AddSingleton<StepRunTextPartitions>();
        ctx.Services.AddSingleton<RetentionStatusQueries>();

        var page = ctx.Render<RetentionPage>();

        var media = page.WaitForElement("[data-kind=media]", TimeSpan.FromSeconds(30));
        var cells = media.QuerySelectorAll("td").Select(c => Squash(c.TextContent)).ToList();
        Assert.Equal(("45 days", "1"), (cells[1], cells[2]));
        var json = System.Text.Json.JsonSerializer.SerializeToNode(RetentionJson.Of(await h.StatusQueries.LoadAsync(CancellationToken.None)),
            Web)!;
        Assert.Equal((45, 1L), ((int?)json["policy"]!["mediaDays"], (long?)json["lastRun"]!["purged"]!["mediaAssets"]));
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
