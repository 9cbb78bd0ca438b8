using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 7: a pipeline's scheduled evaluation compares each step with its previous one and raises a regression everywhere it should.</summary>
[Collection(ConsoleCollection.Name)]
public class ScheduledEvaluationTests(ConsoleFixture console)
{
    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_scheduled_evaluation_that_regresses_shows_a_dashboard_banner_counts_it_and_posts_the_webhook()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 6);
        using var client = ReviewRunSupport.Client(console);
        using var hook = new HttpListener();
        var port = ConsoleApp.HookPort;
        hook.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        hook.Start();
        var received = new ConcurrentQueue<string>();
        _ = Task.Run(async () =>
        {
            while (hook.IsListening)
            {
                try
                {
                    var context = await hook.GetContextAsync();
                    using var reader = new StreamReader(context.Request.InputStream);
                    received.Enqueue(await reader.ReadToEndAsync());
                    context.Response.StatusCode = 204;
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
        var schedule = await client.PutAsync(new Uri($"/api/pipelines/{setup.PipelineKey}/evaluation-schedule", UriKind.Relative),
            Json($$$"""{"cron":"0 0 6 ? * MON","webhookUrl":"http://127.0.0.1:{{{port}}}/hook/"}"""));
        Assert.Equal(HttpStatusCode.NoContent, schedule.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsync(new Uri($"/api/pipelines/{setup.PipelineKey}/evaluation-schedule", UriKind.Relative), Json("""{"cron":"every monday"}"""))).StatusCode);
        long regressions = 0;
        using var listener = new MeterListener { InstrumentPublished = (i, l) => { if (i.Name == "aiflow.evaluation.regressions") l.EnableMeasurementEvents(i); } };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref regressions, value));
        listener.Start();
        var job = ActivatorUtilities.CreateInstance<ScheduledEvaluationJob>(console.App.Services);

        var first = Assert.Single(await job.StartAllAsync(setup.PipelineKey, CancellationToken.None));
        Assert.Equal("Completed", (await EvaluationSeed.WaitForAsync(client, first))["status"]!.GetValue<string>());
        // Reviewers later corrected every label: the newest dataset makes the same active version look worse.
        var truth = console.App.Services.GetRequiredService<GroundTruthService>();
        var lines = string.Join('\n', Enumerable.Range(0, 6).Select(i => $$$"""{"input":{"q":"a{{{i}}}"},"expected":{"label":"b{{{i}}}"}}"""));
        Assert.True((await truth.ImportJsonlAsync(setup.StepDefinition, lines, "tester", CancellationToken.None)).Succeeded);
        await console.App.Services.GetRequiredService<DatasetService>().SnapshotAsync(GroundTruthScope.Step, setup.StepDefinition, "manual", "tester", null, CancellationToken.None);
        var second = Assert.Single(await job.StartAllAsync(setup.PipelineKey, CancellationToken.None));
        Assert.Equal("Completed", (await EvaluationSeed.WaitForAsync(client, second))["status"]!.GetValue<string>());

        await using (var db = console.Database.CreateContext())
        {
            Assert.Null((await db.EvaluationRuns.SingleAsync(e => e.Id == first)).Regression);
            Assert.Contains("exact_match 1 → 0", (await db.EvaluationRuns.SingleAsync(e => e.Id == second)).Regression, StringComparison.Ordinal);
        }
        Assert.True(Interlocked.Read(ref regressions) >= 1);
        var notice = JsonNode.Parse(Assert.Single(received))!;
        Assert.Equal(("evaluation.regression", second), (notice["event"]!.GetValue<string>(), notice["evaluationId"]!.GetValue<Guid>()));

        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("ops@aiflow.local", ConsoleApp.DemoPassword, "/dashboards");
        await Assertions.Expect(page.GetByTestId("dash-regression").Filter(new() { HasText = setup.StepKey })).ToContainTextAsync("exact_match 1 → 0");
        await page.Context.CloseAsync();
        hook.Stop();
    }
}
