using AiFlow.Domain.Access;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Infrastructure;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval.Gold;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Schemas;
using AiFlow.Tests.Support;
using AiFlow.Web.Components.JsonEditor;
using AiFlow.Web.Features.Review;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace AiFlow.Tests.Web.Review;

/// <summary>
/// The review panel itself, rendered by bUnit over the real review services and PostgreSQL: under the <c>log</c>
/// validation mode (where the engine lets an invalid IR through) the panel still refuses a correction that fails the
/// step's IR schema, and a submit with no decision, and nothing reaches the database.
/// </summary>
public sealed class ReviewPanelRefusalTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:AiFlow"] = database.ConnectionString;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddInfrastructure();
        host = builder.Build();
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task In_log_mode_the_panel_refuses_an_invalid_correction_and_a_submit_without_a_decision_and_saves_nothing()
    {
        var (runId, itemId) = await ParkedForReviewAsync();
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.JSInterop.Setup<bool>("aiflowJsonEditor.create", _ => true).SetResult(true);
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(host.Services.GetRequiredService<IDbContextFactory<AiFlowDbContext>>());
        ctx.Services.AddSingleton(host.Services.GetRequiredService<ReviewQueueService>());
        ctx.Services.AddSingleton(host.Services.GetRequiredService<ReviewDecisionWriter>());
        ctx.Services.AddSingleton(host.Services.GetRequiredService<IrValidationService>());
        ctx.Services.AddSingleton(host.Services.GetRequiredService<GoldRetrievalService>());
        ctx.Services.AddSingleton<ReviewQueries>();
        ctx.Services.AddSingleton<ReviewPresence>();
        ctx.Services.AddScoped<ReviewSession>();
        ctx.AddAuthorization().SetAuthorized("reviewer@aiflow.local").SetRoles(Roles.Reviewer);

        var panel = ctx.Render<ReviewPanelPage>(p => p.Add(x => x.ItemId, itemId));
        panel.WaitForAssertion(() => Assert.Equal(itemId.ToString(), panel.Find("[data-testid=review-panel]").GetAttribute("data-item")));

        await panel.InvokeAsync(() => panel.Instance.OnKey("submit"));
        Assert.Contains("Choose a decision first", panel.Find("[data-testid=review-error]").TextContent, StringComparison.Ordinal);

        var editor = panel.FindComponent<JsonCodeEditor>();
        await panel.InvokeAsync(() => editor.Instance.OnEditorChanged("""{"text":12345,"bogus_field":1}"""));
        Assert.Equal("Correct", panel.Find("[data-testid=review-decision]").TextContent);
        await panel.InvokeAsync(() => panel.Instance.OnKey("submit"));

        Assert.Contains("does not match the IR schema", panel.Find("[data-testid=review-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal(itemId.ToString(), panel.Find("[data-testid=review-panel]").GetAttribute("data-item"));
        await using var db = database.CreateContext();
        Assert.False(await db.HumanFeedback.AnyAsync(f => f.PipelineRunId == runId));
        Assert.False(await db.GroundTruthExamples.AnyAsync());
    }

    /// <summary>A transform feeding a human-review step in <c>log</c> mode, run by the engine until it parks for review.</summary>
    private async Task<(Guid RunId, Guid ItemId)> ParkedForReviewAsync()
    {
        var key = "panel-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = database.CreateContext();
        var transform = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
        var review = await TestPipelines.AddHumanReviewStepAsync(db, "check-" + key,
            """{"type":"object","required":["text"],"properties":{"text":{"type":"string","minLength":3}},"additionalProperties":false}""", ValidationMode.Log);
        await TestPipelines.AddPipelineAsync(db, key, null,
            TestPipelines.Transform("draft", transform, """{"text":"draft {{ input.name }}"}"""), TestPipelines.HumanReview("check", review, "draft"));
        var runId = await TestPipelines.AddQueuedRunAsync(db, key, """{"name":"ada"}""");
        Assert.Equal(RunStatus.WaitingForReview, await host.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None));
        var itemId = await db.ReviewItems.Where(i => i.PipelineRunId == runId).Select(i => i.Id).SingleAsync();
        return (runId, itemId);
    }
}
