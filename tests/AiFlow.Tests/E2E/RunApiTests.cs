using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class RunApiTests(ConsoleFixture console)
{
    private HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        return client;
    }

    private async Task<string> AddDiamondAsync()
    {
        var key = "diamond-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = console.Database.CreateContext();
        var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
        await TestPipelines.AddPipelineAsync(db, key,
            """{"type":"object","required":["name"],"properties":{"name":{"type":"string","minLength":1}}}""",
            TestPipelines.Transform("greet", step, """{"text":"hello {{ input.name }}"}"""),
            TestPipelines.Transform("shout", step, """{"text":"{{ ir.greet.text | upcase }}"}""", "greet"),
            TestPipelines.Transform("count", step, """{"n":"{{ ir.greet.text | size }}"}""", "greet"),
            TestPipelines.Transform("join", step, """{"all":"{{ ir.shout.text }}/{{ ir.count.n }}"}""", "shout", "count"));
        return key;
    }

    private static async Task<JsonNode> WaitForAsync(HttpClient client, Guid runId, params string[] statuses)
    {
        for (var i = 0; i < 300; i++)
        {
            var run = await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/runs/{runId}", UriKind.Relative));
            if (statuses.Contains(run!["status"]!.GetValue<string>())) return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Run {runId} did not reach {string.Join("/", statuses)} within 30 s.");
    }

    [Fact]
    public async Task A_run_posted_through_the_api_executes_on_quartz_and_reports_its_steps()
    {
        using var client = Client();
        var key = await AddDiamondAsync();

        var response = await client.PostAsync(new Uri($"/api/pipelines/{key}/runs", UriKind.Relative),
            new StringContent("""{"input":{"name":"ada"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.GetValue<Guid>();

        var run = await WaitForAsync(client, runId, "Completed", "Failed");
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        var steps = run["steps"]!.AsArray();
        Assert.Equal(["count", "greet", "join", "shout"], steps.Select(s => s!["nodeKey"]!.GetValue<string>()).Order());
        var join = steps.First(s => s!["nodeKey"]!.GetValue<string>() == "join")!;
        Assert.Equal("HELLO ADA/9", join["ir"]!["all"]!.GetValue<string>());
        Assert.All(steps, s => Assert.Equal(1, s!["attempt"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Each_step_of_a_run_reports_the_output_links_its_ir_named()
    {
        using var client = Client();
        var key = "linked-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = console.Database.CreateContext())
        {
            var linking = await TestPipelines.AddTransformStepAsync(db, "l-" + key, """{"outputLinks":[{"targetType":"tickets","idPath":"ticket_id"}]}""");
            var plain = await TestPipelines.AddTransformStepAsync(db, "p-" + key);
            await TestPipelines.AddPipelineAsync(db, key, null,
                TestPipelines.Transform("open", linking, """{"ticket_id":"T-{{ input.n }}"}"""),
                TestPipelines.Transform("note", plain, """{"text":"opened {{ ir.open.ticket_id }}"}""", "open"));
        }

        var response = await client.PostAsync(new Uri($"/api/pipelines/{key}/runs", UriKind.Relative),
            new StringContent("""{"input":{"n":"7"}}""", Encoding.UTF8, "application/json"));
        var runId = (await response.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.GetValue<Guid>();
        var run = await WaitForAsync(client, runId, "Completed", "Failed");

        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        var steps = run["steps"]!.AsArray().ToDictionary(s => s!["nodeKey"]!.GetValue<string>());
        Assert.Equal("""[{"targetType":"tickets","targetId":"T-7","relation":"produced"}]""", steps["open"]!["links"]!.ToJsonString());
        Assert.Equal("[]", steps["note"]!["links"]!.ToJsonString());
        // The rest of a step's shape is unchanged.
        Assert.Equal("T-7", steps["open"]!["ir"]!["ticket_id"]!.GetValue<string>());
        Assert.NotNull(steps["open"]!["metrics"]);
    }

    [Fact]
    public async Task The_demo_layout_split_links_each_section_it_produces_as_a_split_asset()
    {
        using var client = Client();
        var response = await client.PostAsync(new Uri("/api/pipelines/layout-to-module/runs", UriKind.Relative),
            new StringContent("""{"input":{"layout":"header, hero, three content blocks, footer"}}""", Encoding.UTF8, "application/json"));
        var runId = (await response.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.GetValue<Guid>();
        var run = await WaitForAsync(client, runId, "Completed", "Failed", "WaitingForReview");

        var split = run["steps"]!.AsArray().Last(s => s!["nodeKey"]!.GetValue<string>() == "layout_split" && s["status"]!.GetValue<string>() == "Completed")!;
        var sections = split["ir"]!["sections"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Distinct().Order();
        var links = split["links"]!.AsArray();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Equal("split_assets", l!["targetType"]!.GetValue<string>()));
        Assert.Equal(sections, links.Select(l => l!["targetId"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Run_api_refuses_bad_requests_with_the_right_status()
    {
        using var client = Client();
        var key = await AddDiamondAsync();
        Uri Runs(string k) => new($"/api/pipelines/{k}/runs", UriKind.Relative);
        static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(Runs("no-such-pipeline"), Json("""{"input":{}}"""))).StatusCode);

        var invalid = await client.PostAsync(Runs(key), Json("""{"input":{"name":""}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        // The pointer is into the body: the schema's error is at /name of the input.
        Assert.Equal("/input/name", (await invalid.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());

        var malformed = await client.PostAsync(Runs(key), Json("""{"input": {"name": "x",}"""));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("position", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var huge = await client.PostAsync(Runs(key), Json("{\"input\":{\"name\":\"" + new string('x', 300 * 1024) + "\"}}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        await using (var db = console.Database.CreateContext())
        {
            var version = db.PipelineVersions.First(v => v.PipelineDefinition!.Key == key);
            version.IsActive = false;
            await db.SaveChangesAsync();
        }
        var conflict = await client.PostAsync(Runs(key), Json("""{"input":{"name":"x"}}"""));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("no active version", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_step_is_retried_as_a_new_attempt_and_its_dependant_runs_then_the_run_replays_on_another_version()
    {
        using var client = Client();
        var key = "retry-" + Guid.NewGuid().ToString("N")[..6];
        Guid routeId;
        await using (var db = console.Database.CreateContext())
        {
            // The console's own simulator, told by a model directive to answer 500 until the endpoint is repaired.
            routeId = await TestPipelines.AddRouteAsync(db, new Uri(console.App.BaseAddress, "sim/v1").ToString(), "sim-chat@fault=500");
            var llm = await TestPipelines.AddLlmStepAsync(db, "l-" + key, routeId,
                """{"type":"object","required":["topic"],"properties":{"topic":{"type":"string"}}}""", "Topic of {{ input.text }}");
            var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            var ask = TestPipelines.Llm("ask", llm);
            ask.Retries = 0;
            await TestPipelines.AddPipelineAsync(db, key, null, ask, TestPipelines.Transform("echo", step, """{"v":"one:{{ ir.ask.topic }}"}""", "ask"));
            var v1 = db.PipelineVersions.First(v => v.PipelineDefinition!.Key == key);
            db.PipelineVersions.Add(new AiFlow.Domain.Pipelines.PipelineVersion
            {
                PipelineDefinitionId = v1.PipelineDefinitionId, Number = 2, Status = AiFlow.Domain.Steps.VersionStatus.Published,
                CreatedAt = DateTimeOffset.UtcNow,
                Dag = new AiFlow.Domain.Pipelines.Dag.PipelineDag { Nodes = [TestPipelines.Transform("echo", step, """{"v":"two:{{ input.text }}"}""")] },
            });
            await db.SaveChangesAsync();
        }

        var started = await client.PostAsync(new Uri($"/api/pipelines/{key}/runs", UriKind.Relative),
            new StringContent("""{"input":{"text":"invoices"}}""", Encoding.UTF8, "application/json"));
        var runId = (await started.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.GetValue<Guid>();
        var failed = await WaitForAsync(client, runId, "Completed", "Failed");
        Assert.Equal("Failed", failed["status"]!.GetValue<string>());

        await using (var db = console.Database.CreateContext())
        {
            var endpointId = db.ModelRoutes.First(r => r.Id == routeId).EndpointChain[0];
            await db.InferenceEndpoints.Where(e => e.Id == endpointId)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Model, "sim-chat"));
        }
        console.App.Services.GetRequiredService<AiFlow.Infrastructure.Inference.Gateway.EndpointCatalog>().Invalidate();
        var retry = await client.PostAsync(new Uri($"/api/runs/{runId}/steps/ask/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);

        var retried = await WaitForAsync(client, runId, "Completed", "Failed");
        Assert.Equal("Completed", retried["status"]!.GetValue<string>());
        var attempts = retried["steps"]!.AsArray().Where(s => s!["nodeKey"]!.GetValue<string>() == "ask")
            .Select(s => (s!["attempt"]!.GetValue<int>(), s["status"]!.GetValue<string>())).OrderBy(a => a.Item1).ToList();
        Assert.Equal([(1, "Failed"), (2, "Completed")], attempts);
        var echo = retried["steps"]!.AsArray().Last(s => s!["nodeKey"]!.GetValue<string>() == "echo")!;
        Assert.StartsWith("one:", echo["ir"]!["v"]!.GetValue<string>(), StringComparison.Ordinal);
        var again = await client.PostAsync(new Uri($"/api/runs/{runId}/steps/ask/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // A node or run that is not there is a 404 (a node key typed wrong answered 409 "no failed attempt").
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(new Uri($"/api/runs/{runId}/steps/no-such-node/retry", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(new Uri($"/api/runs/{Guid.NewGuid()}/steps/ask/retry", UriKind.Relative), null)).StatusCode);

        var replay = await client.PostAsync(new Uri($"/api/runs/{runId}/replay", UriKind.Relative),
            new StringContent("""{"version":2}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var replayId = (await replay.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.GetValue<Guid>();
        var replayed = await WaitForAsync(client, replayId, "Completed", "Failed");
        Assert.Equal("Completed", replayed["status"]!.GetValue<string>());
        Assert.Equal("two:invoices", Assert.Single(replayed["steps"]!.AsArray())!["ir"]!["v"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_an_editor_test_run_may_pin_a_draft_version()
    {
        using var client = Client();
        var key = await AddDiamondAsync();
        await using (var db = console.Database.CreateContext())
        {
            var version = db.PipelineVersions.First(v => v.PipelineDefinition!.Key == key);
            (version.Status, version.IsActive) = (AiFlow.Domain.Steps.VersionStatus.Draft, false);
            await db.SaveChangesAsync();
        }

        var refused = await client.PostAsync(new Uri($"/api/pipelines/{key}/runs", UriKind.Relative),
            new StringContent("""{"input":{"name":"ada"},"version":1}""", Encoding.UTF8, "application/json"));
        var launcher = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<AiFlow.Infrastructure.Runs.RunLauncher>(console.App.Services);
        var test = await launcher.LaunchAsync(key, """{"name":"ada"}""", AiFlow.Domain.Runs.RunTrigger.TestRun, "admin", 1, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("no published version 1", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(test.RunId);
        var run = await WaitForAsync(client, test.RunId.Value, "Completed", "Failed");
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cron_schedule_starts_runs_by_itself_and_a_bad_expression_is_refused()
    {
        using var client = Client();
        var key = "cron-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = console.Database.CreateContext())
        {
            var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Transform("tick", step, """{"ok":true}"""));
        }
        Uri Schedule() => new($"/api/pipelines/{key}/schedule", UriKind.Relative);

        var bad = await client.PutAsync(Schedule(), new StringContent("""{"cron":"every minute"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not a valid Quartz cron expression", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync(Schedule(), new StringContent("""{"cron":"0/1 * * * * ?"}""", Encoding.UTF8, "application/json"))).StatusCode);
        var scheduled = 0;
        for (var i = 0; i < 100 && scheduled == 0; i++)
        {
            await Task.Delay(100);
            await using var db = console.Database.CreateContext();
            scheduled = db.PipelineRuns.Count(r => db.PipelineDefinitions.Any(p => p.Id == r.PipelineDefinitionId && p.Key == key) && r.Trigger == AiFlow.Domain.Runs.RunTrigger.Schedule);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync(Schedule(), new StringContent("""{"cron":null}""", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.True(scheduled > 0, "no scheduled run started within 10 s");
    }

    [Fact]
    public async Task A_cron_that_never_fires_is_refused_at_cron_leaving_the_schedule_and_its_trigger_as_they_were()
    {
        using var client = Client();
        var key = await AddDiamondAsync();
        Uri Schedule(string which = "schedule") => new($"/api/pipelines/{key}/{which}", UriKind.Relative);
        static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync(Schedule(), Json("""{"cron":"0 0 6 ? * MON","input":{"name":"x"}}"""))).StatusCode);

        // Quartz refused such a trigger after the schedule was saved and the old trigger deleted: a 500, and a schedule
        // that said it was on while nothing would ever run.
        foreach (var cron in new[] { "0 0 3 1 1 ? 2001", "0 0 0 30 2 ?" })
        {
            var never = await client.PutAsync(Schedule(), Json($$$"""{"cron":"{{{cron}}}","input":{"name":"x"}}"""));
            Assert.Equal(HttpStatusCode.BadRequest, never.StatusCode);
            var problem = (await never.Content.ReadFromJsonAsync<JsonNode>())!;
            Assert.Equal("/cron", problem["pointer"]!.GetValue<string>());
            Assert.Contains("never fires", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var kept = (await client.GetFromJsonAsync<JsonNode>(Schedule()))!;
        Assert.Equal("0 0 6 ? * MON", kept["cron"]!.GetValue<string>());
        Assert.Equal(5, kept["nextFireTimes"]!.AsArray().Count);
        var scheduler = await console.App.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await scheduler.GetTrigger(new Quartz.TriggerKey(key, AiFlow.Infrastructure.Runs.Scheduling.ScheduledRunJob.Group)));

        var evaluation = await client.PutAsync(Schedule("evaluation-schedule"), Json("""{"cron":"0 0 3 1 1 ? 2001"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, evaluation.StatusCode);
        Assert.Equal("/cron", (await evaluation.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());

        // Switching the schedule off runs nothing, so the input (here none, which the schema refuses) is not checked.
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync(Schedule(), Json("""{"cron":"0 0 6 ? * MON","enabled":false}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync(Schedule(), Json("""{"cron":null}"""))).StatusCode);
        Assert.Null(await scheduler.GetTrigger(new Quartz.TriggerKey(key, AiFlow.Infrastructure.Runs.Scheduling.ScheduledRunJob.Group)));
        var on = await client.PutAsync(Schedule(), Json("""{"cron":"0 0 6 ? * MON"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, on.StatusCode);
        Assert.Equal("/input", (await on.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_regression_webhook_to_a_loopback_address_is_refused_like_an_endpoint_s()
    {
        using var client = Client();
        var key = await AddDiamondAsync();
        var refused = await client.PutAsync(new Uri($"/api/pipelines/{key}/evaluation-schedule", UriKind.Relative),
            new StringContent("""{"cron":"0 0 6 ? * MON","webhookUrl":"http://127.0.0.1:5432/x"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("/webhookUrl", problem["pointer"]!.GetValue<string>());
        Assert.Contains("loopback", problem["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        await using var db = console.Database.CreateContext();
        Assert.False(await db.EvaluationSchedules.AnyAsync(s => db.PipelineDefinitions.Any(p => p.Id == s.PipelineDefinitionId && p.Key == key)));
    }

    [Fact]
    public async Task The_pipeline_list_answers_keys_names_and_versions_in_order_without_ids()
    {
        using var client = Client();
        var key = await AddDiamondAsync();
        await using (var db = console.Database.CreateContext())
        {
            var pipeline = await db.PipelineDefinitions.SingleAsync(p => p.Key == key);
            var v1 = await db.PipelineVersions.SingleAsync(v => v.PipelineDefinitionId == pipeline.Id);
            db.PipelineVersions.Add(new AiFlow.Domain.Pipelines.PipelineVersion
            {
                PipelineDefinitionId = pipeline.Id, Number = 2, Status = AiFlow.Domain.Steps.VersionStatus.Draft, Dag = v1.Dag, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var pipelines = (await client.GetFromJsonAsync<JsonArray>(new Uri("/api/pipelines", UriKind.Relative)))!;

        var listed = Assert.Single(pipelines, p => p!["key"]!.GetValue<string>() == key);
        var expected = JsonNode.Parse($$"""
            {"key":"{{key}}","name":"{{key}}","versions":[
              {"number":1,"status":"Published","isActive":true},
              {"number":2,"status":"Draft","isActive":false}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, listed), listed!.ToJsonString());
    }
}
