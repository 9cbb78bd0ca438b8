using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs;
using AiFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class MonitoringApiTests(ConsoleFixture console)
{
    private HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        return client;
    }

    [Fact]
    public async Task Monitoring_api_lists_runs_with_the_run_list_filters_and_refuses_a_reviewer()
    {
        var key = "mon-" + Guid.NewGuid().ToString("N")[..6];
        Guid failedId;
        await using (var db = console.Database.CreateContext())
        {
            var pipeline = await TestRuns.AddPipelineAsync(db, key);
            var failed = TestRuns.Run(pipeline, DateTimeOffset.UtcNow, RunStatus.Failed, 0.5m, 10);
            db.PipelineRuns.AddRange(failed, TestRuns.Run(pipeline, DateTimeOffset.UtcNow, RunStatus.Completed, 0.25m, 10));
            await db.SaveChangesAsync();
            failedId = failed.Id;
        }
        using var client = Client();

        var all = await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/monitoring/runs?pipeline={key}", UriKind.Relative));
        Assert.Equal(2, all!["total"]!.GetValue<int>());
        Assert.Equal(0.75m, all["totals"]!["costUsd"]!.GetValue<decimal>());
        var failedOnly = await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/monitoring/runs?pipeline={key}&status=Failed", UriKind.Relative));
        Assert.Equal(failedId, failedOnly!["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/monitoring/runs/{failedId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/monitoring/runs?pipeline=no-such", UriKind.Relative))).StatusCode);
        // Two statuses at once were read as flags and combined into a third (Running|WaitingForReview listed Completed runs).
        var two = await client.GetAsync(new Uri($"/api/monitoring/runs?pipeline={key}&status=Running,WaitingForReview", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        Assert.Equal("status", (await two.Content.ReadFromJsonAsync<JsonNode>())!["parameter"]!.GetValue<string>());

        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("reviewer@aiflow.local", ConsoleApp.DemoPassword);
        Assert.Equal(403, (await page.APIRequest.GetAsync("/api/monitoring/runs")).Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Monitoring_metrics_cover_a_range_and_reject_a_backwards_one()
    {
        using var client = Client();

        var metrics = await client.GetFromJsonAsync<JsonNode>(new Uri("/api/monitoring/metrics?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", UriKind.Relative));
        Assert.Equal("hour", metrics!["bucket"]!.GetValue<string>());
        Assert.Equal(24, metrics["series"]!.AsArray().Count);
        Assert.NotNull(metrics["latency"]);

        var backwards = await client.GetAsync(new Uri("/api/monitoring/metrics?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }

    [Fact]
    public async Task The_metrics_endpoint_exports_step_counters_and_latency_histograms_for_prometheus()
    {
        var key = "prom-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = console.Database.CreateContext())
        {
            var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Transform("only", step, """{"ok":true}"""));
        }
        var launched = await console.App.Services.GetRequiredService<RunLauncher>().LaunchAsync(key, "{}", RunTrigger.Api, "test", null, CancellationToken.None);
        using var client = console.ApiClient(ConsoleApp.ScrapeToken);

        string text = "";
        for (var i = 0; i < 150 && !text.Contains("node=\"only\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        Assert.NotNull(launched.RunId);
        Assert.Contains("aiflow_steps_total{", text, StringComparison.Ordinal);
        Assert.Contains("aiflow_step_duration_milliseconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("aiflow_runs_total{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metrics_endpoint_answers_an_ops_key_and_the_scrape_token_and_refuses_anyone_else()
    {
        using var anonymous = new HttpClient { BaseAddress = console.App.BaseAddress };
        using var ops = await console.ApiClientWithRoleAsync("Ops");
        using var reviewer = await console.ApiClientWithRoleAsync("Reviewer");
        using var scraper = console.ApiClient(ConsoleApp.ScrapeToken);
        using var wrongToken = console.ApiClient(ConsoleApp.ScrapeToken + "x");
        var metrics = new Uri("/metrics", UriKind.Relative);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(metrics)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongToken.GetAsync(metrics)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(metrics)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync(metrics)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync(metrics)).StatusCode);
        // The scrape token opens /metrics only: elsewhere it is an unknown key.
        Assert.Equal(HttpStatusCode.Unauthorized, (await scraper.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
    }
}
