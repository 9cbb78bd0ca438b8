using System.Net;
using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Runs;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class RunsUiTests(ConsoleFixture console)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];

    private async Task<RunsUi> SignInAsync(string email)
    {
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync(email, ConsoleApp.DemoPassword);
        return new RunsUi(page);
    }

    private async Task<Guid> LaunchAsync(string key, string input)
    {
        var result = await console.App.Services.GetRequiredService<RunLauncher>().LaunchAsync(key, input, RunTrigger.Api, "test", null, CancellationToken.None);
        return result.RunId ?? throw new InvalidOperationException(result.Message);
    }

    [Fact]
    public async Task An_ops_user_starts_a_run_from_the_dialog_and_watches_the_timeline_complete_without_a_reload()
    {
        var key = Unique("chain");
        await using (var db = console.Database.CreateContext())
        {
            var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            var nodes = Enumerable.Range(0, 12).Select(i => i == 0
                ? TestPipelines.Transform("s00", step, """{"n":"{{ input.name }}"}""")
                : TestPipelines.Transform($"s{i:00}", step, $$$"""{"n":"{{ ir.s{{{i - 1:00}}}.n }}+"}""", $"s{i - 1:00}")).ToArray();
            await TestPipelines.AddPipelineAsync(db, key, null, nodes);
        }
        var ui = await SignInAsync("ops@aiflow.local");
        await ui.OpenAsync("/runs");

        await ui.OpenStartRunDialogAsync();
        await ui.PickAsync("start-run-pipeline", key);
        await ui.FillInputAsync("{\"name\": ");
        await Assertions.Expect(ui.InputState).ToHaveAttributeAsync("data-valid", "no");
        await ui.SubmitStartAsync();
        await Assertions.Expect(ui.StartError).ToContainTextAsync("not valid JSON");

        await ui.FillInputAsync("""{"name":"ada"}""");
        // The state flips only once the circuit has the new text, so Start cannot race the typing.
        await Assertions.Expect(ui.InputState).ToHaveAttributeAsync("data-valid", "yes");
        await ui.SubmitStartAsync();
        await ui.WaitForStartedRunAsync();
        await ui.MarkDocumentAsync();

        await ui.WaitForRunStatusAsync("Completed");
        await Assertions.Expect(ui.Page.GetByTestId("timeline")).ToHaveAttributeAsync("data-bars", "12");
        Assert.Equal("still-here", await ui.DocumentMarkAsync());
        Assert.Equal(12, await ui.Page.Locator("[data-testid=dag-node][data-status=Completed]").CountAsync());
        await ui.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_ops_user_runs_the_demo_ticket_triage_on_the_consoles_own_simulator_and_sees_it_complete()
    {
        var ui = await SignInAsync("ops@aiflow.local");
        await ui.OpenAsync("/runs");

        await ui.OpenStartRunDialogAsync();
        await ui.PickAsync("start-run-pipeline", "ticket-triage");
        // The dialog starts the input from the pipeline's input schema: its required fields, empty.
        await Assertions.Expect(ui.Field("start-run-input")).ToHaveValueAsync("{\n  \"subject\": \"\",\n  \"body\": \"\"\n}");
        // Its empty fields fail the pipeline's schema, which the dialog says before Start (it said "Valid JSON").
        await Assertions.Expect(ui.InputState).ToHaveAttributeAsync("data-valid", "no");
        await Assertions.Expect(ui.InputState).ToContainTextAsync("does not match the pipeline's input schema: /subject");
        await ui.FillInputAsync("""{"subject":"Charged twice","body":"My card was charged twice for order 4471. Please refund one payment."}""");
        await Assertions.Expect(ui.InputState).ToHaveAttributeAsync("data-valid", "yes");
        await Assertions.Expect(ui.InputState).ToHaveTextAsync("Valid input for this pipeline");
        await ui.SubmitStartAsync();
        await ui.WaitForStartedRunAsync();

        // The seed points at port 5080; the console repoints its demo endpoints at the port it really listens on.
        await ui.WaitForRunStatusAsync("Completed", 60_000);
        Assert.Equal(3, await ui.Page.Locator("[data-testid=dag-node][data-status=Completed]").CountAsync());
        await ui.SelectBarAsync("classify");
        await Assertions.Expect(ui.Page.GetByTestId("inspector-endpoint")).ToContainTextAsync("Simulator");
        await Assertions.Expect(ui.Page.GetByTestId("inspector-prompt")).ToContainTextAsync("Charged twice");
        await Assertions.Expect(ui.Page.GetByTestId("inspector-tokens")).Not.ToContainTextAsync("0 in");
        await ui.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_inspector_shows_a_steps_prompt_output_ir_errors_at_their_pointers_and_output_links()
    {
        var key = Unique("ir");
        await using (var db = console.Database.CreateContext())
        {
            var definition = new StepDefinition { Key = "t-" + key, Name = key, Kind = StepKind.Transform };
            var schema = new IrSchema { Name = "s-" + key, StepDefinitionId = definition.Id };
            var schemaVersion = new IrSchemaVersion
            {
                IrSchemaId = schema.Id, Number = 1, IsActive = true, CreatedAt = DateTimeOffset.UtcNow,
                SchemaJson = """{"type":"object","required":["name","total"],"properties":{"name":{"type":"integer"},"total":{"type":"number"}}}""",
            };
            var version = new StepVersion
            {
                StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
                IrSchemaVersionId = schemaVersion.Id, ValidationMode = ValidationMode.Log,
                ParamsJson = """{"outputLinks":[{"targetType":"people","idPath":"name","relation":"extracted"}]}""",
            };
            db.AddRange(definition, schema, schemaVersion, version);
            await db.SaveChangesAsync();
            await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Transform("extract", version.Id, """{"name":"{{ input.name }}"}"""));
        }
        var runId = await LaunchAsync(key, """{"name":"ada"}""");
        var ui = await SignInAsync("admin@aiflow.local");
        await ui.OpenAsync($"/runs/{runId}");
        await ui.WaitForRunStatusAsync("Completed");

        await ui.SelectBarAsync("extract");

        await Assertions.Expect(ui.Inspector).ToHaveAttributeAsync("data-node", "extract");
        await Assertions.Expect(ui.Page.GetByTestId("inspector-prompt")).ToContainTextAsync("\"name\":\"ada\"");
        await Assertions.Expect(ui.Page.GetByTestId("inspector-ir")).ToContainTextAsync("\"ada\"");
        var nameError = ui.Page.Locator("[data-testid=ir-error][data-pointer='/name']");
        await Assertions.Expect(nameError).ToContainTextAsync("\"ada\"");
        await Assertions.Expect(ui.Page.Locator("[data-testid=ir-error][data-pointer='']")).ToContainTextAsync("total");
        // Invalid under log mode, the step still completed, so the record its IR names is linked.
        var link = ui.Page.Locator("[data-testid=output-link][data-type=people][data-id=ada]");
        await Assertions.Expect(link).ToContainTextAsync("extracted");
        await ui.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_run_list_filters_by_text_in_the_input_and_by_status()
    {
        var token = Unique("needle");
        await using (var db = console.Database.CreateContext())
        {
            var pipeline = await TestRuns.AddPipelineAsync(db, Unique("list"));
            var now = DateTimeOffset.UtcNow;
            db.PipelineRuns.AddRange(
                TestRuns.Run(pipeline, now, RunStatus.Completed, 0.1m, 10, $$"""{"q":"{{token}} one"}"""),
                TestRuns.Run(pipeline, now, RunStatus.Failed, 0.2m, 20, $$"""{"q":"{{token}} two"}"""),
                TestRuns.Run(pipeline, now, RunStatus.Completed, 0.4m, 40, """{"q":"other"}"""));
            await db.SaveChangesAsync();
        }
        var ui = await SignInAsync("ops@aiflow.local");
        await ui.OpenAsync("/runs");

        await ui.Field("runs-filter-text").FillAsync(token.ToUpperInvariant());
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(2);
        await Assertions.Expect(ui.Page.GetByTestId("runs-total-cost")).ToHaveTextAsync("$0.3000");

        await ui.PickAsync("runs-filter-status", "Failed");
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(1);
        await Assertions.Expect(ui.Page.GetByTestId("run-row-cost")).ToHaveTextAsync("$0.2000");
        // Runs of one pipeline told apart: the end of the id, and the start of the input.
        await Assertions.Expect(ui.Page.GetByTestId("run-row-input")).ToContainTextAsync($"{token} two");
        var runId = await ui.Page.GetByTestId("run-link").GetAttributeAsync("data-run");
        await Assertions.Expect(ui.Page.GetByTestId("run-row-id")).ToHaveTextAsync(runId![^8..]);

        // The filter is in the address, so a reload (or a shared link) shows the same runs.
        await Assertions.Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=Failed"));
        await ui.Page.ReloadAsync();
        await SignInPage.WaitForInteractiveAsync(ui.Page);
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(1);
        await Assertions.Expect(ui.Page.GetByTestId("run-row-cost")).ToHaveTextAsync("$0.2000");
        // On a first load too, the totals above the list are those of the list.
        await Assertions.Expect(ui.Page.GetByTestId("runs-total-count")).ToHaveTextAsync("1");
        await Assertions.Expect(ui.Page.GetByTestId("runs-total-cost")).ToHaveTextAsync("$0.2000");

        await ui.OpenAsync($"/runs?q={token}&status=Completed");
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(1);
        await ui.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_dashboard_shows_the_cost_of_runs_and_drills_down_to_them()
    {
        var key = Unique("spend");
        await using (var db = console.Database.CreateContext())
        {
            var pipeline = await TestRuns.AddPipelineAsync(db, key);
            var run = TestRuns.Run(pipeline, DateTimeOffset.UtcNow.AddMinutes(-5), RunStatus.Completed, 1.234567m, 300);
            db.PipelineRuns.Add(run);
            db.StepRuns.Add(TestRuns.Step(run, pipeline.StepVersionId, "a", StepRunStatus.Completed, 800, 1.234567m, 300, "big-model", "gpu-x"));
            await db.SaveChangesAsync();
        }
        var ui = await SignInAsync("ops@aiflow.local");
        await ui.OpenAsync("/dashboards");

        await ui.Page.GetByTestId("dash-refresh").ClickAsync();

        var row = ui.Page.Locator($"[data-testid=cost-by-pipeline] [data-key='{key}']");
        await Assertions.Expect(row.GetByTestId("breakdown-cost")).ToHaveTextAsync("$1.2346");
        await row.GetByTestId("breakdown-link").ClickAsync();
        await ConsolePage.WaitForUrlAsync(ui.Page, new System.Text.RegularExpressions.Regex("/runs\\?.*pipelineId="));
        await SignInPage.WaitForInteractiveAsync(ui.Page);
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(1);
        await Assertions.Expect(ui.Page.GetByTestId("run-row-cost")).ToHaveTextAsync("$1.2346");
        await Assertions.Expect(ui.Page.GetByTestId("runs-total-cost")).ToHaveTextAsync("$1.2346");
        await ui.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_retry_step_the_inspector_moves_from_the_failed_attempt_to_the_new_one()
    {
        var key = Unique("retry");
        await using (var db = console.Database.CreateContext())
        {
            var transform = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            // The rendered text is not JSON (the name is unquoted), so every attempt fails.
            await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Transform("shape", transform, """{"text": {{ input.name }} }"""));
        }
        var runId = await LaunchAsync(key, """{"name":"ada"}""");

        var ops = await SignInAsync("ops@aiflow.local");
        await ops.OpenAsync($"/runs/{runId}");
        await ops.WaitForRunStatusAsync("Failed");
        await ops.SelectBarAsync("shape");
        await Assertions.Expect(ops.Inspector).ToHaveAttributeAsync("data-attempt", "1");
        await ops.Page.GetByTestId("retry-step").ClickAsync();

        // It stayed on attempt 1, so the operator watched the old error while the retry ran unseen.
        await Assertions.Expect(ops.Inspector).ToHaveAttributeAsync("data-attempt", "2", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        await ops.WaitForRunStatusAsync("Failed");
        await Assertions.Expect(ops.Inspector).ToHaveAttributeAsync("data-attempt", "2");
        await ops.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_ops_user_can_cancel_and_replay_a_run_and_a_reviewer_cannot_and_the_cancel_is_audited()
    {
        var key = Unique("parked");
        await using (var db = console.Database.CreateContext())
        {
            var transform = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            var review = new StepDefinition { Key = "r-" + key, Name = key, Kind = StepKind.HumanReview };
            var reviewVersion = new StepVersion { StepDefinitionId = review.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
            db.AddRange(review, reviewVersion);
            await db.SaveChangesAsync();
            await TestPipelines.AddPipelineAsync(db, key, null,
                TestPipelines.Transform("draft", transform, """{"text":"{{ input.name }}"}"""),
                new DagNode { Key = "approve", StepVersionId = reviewVersion.Id, DependsOn = ["draft"] });
        }
        var runId = await LaunchAsync(key, """{"name":"ada"}""");

        var reviewer = await SignInAsync("reviewer@aiflow.local");
        var refused = await reviewer.Page.APIRequest.PostAsync($"/api/runs/{runId}/cancel");
        Assert.Equal((int)HttpStatusCode.Forbidden, refused.Status);
        await reviewer.Page.GotoAsync($"/runs/{runId}");
        await Assertions.Expect(reviewer.Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        Assert.Equal(0, await reviewer.Page.GetByTestId("cancel-run").CountAsync());
        await reviewer.Page.Context.CloseAsync();

        var ops = await SignInAsync("ops@aiflow.local");
        await ops.OpenAsync($"/runs/{runId}");
        await ops.WaitForRunStatusAsync("WaitingForReview");
        await ops.Page.GetByTestId("cancel-run").ClickAsync();
        await ops.WaitForRunStatusAsync("Cancelled", 10_000);
        // Replay moves to the new run on the same page, which must then show that run: it kept showing the cancelled one.
        await ops.Page.GetByTestId("replay-run").ClickAsync();
        await ops.Page.WaitForURLAsync(url => url.Contains("/runs/", StringComparison.Ordinal) && !url.Contains(runId.ToString(), StringComparison.Ordinal));
        await ops.WaitForRunStatusAsync("WaitingForReview", 10_000);
        await ops.Page.GetByTestId("cancel-run").ClickAsync();
        await ops.WaitForRunStatusAsync("Cancelled", 10_000);
        await ops.Page.Context.CloseAsync();

        await using var check = console.Database.CreateContext();
        var audit = await check.AuditEntries.SingleAsync(a => a.EntityType == nameof(PipelineRun) && a.EntityId == runId.ToString());
        Assert.Equal("ops@aiflow.local", audit.UserName);
        Assert.Equal("WaitingForReview", JsonNode.Parse(audit.Before!)!["Status"]!.GetValue<string>());
        Assert.Equal("Cancelled", JsonNode.Parse(audit.After!)!["Status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_run_appears_on_an_open_filtered_run_list_and_its_status_moves_without_a_reload()
    {
        var key = Unique("live");
        Guid pipelineId;
        await using (var db = console.Database.CreateContext())
        {
            var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Transform("only", step, """{"n":"{{ input.name }}"}"""));
            pipelineId = (await db.PipelineDefinitions.SingleAsync(p => p.Key == key)).Id;
        }
        var ui = await SignInAsync("ops@aiflow.local");
        await ui.OpenAsync($"/runs?pipelineId={pipelineId}");
        await Assertions.Expect(ui.Page.GetByTestId("runs-empty")).ToBeVisibleAsync();
        await ui.MarkDocumentAsync();

        var runId = await LaunchAsync(key, """{"name":"ada"}""");

        var expectations = new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 };
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(1, expectations);
        await Assertions.Expect(ui.RunRows).ToHaveAttributeAsync("data-run", runId.ToString());
        await Assertions.Expect(ui.Page.Locator("[data-testid=run-row-status][data-status=Completed]"))
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        await Assertions.Expect(ui.Page.GetByTestId("runs-total-count")).ToHaveTextAsync("1");
        Assert.Equal("still-here", await ui.DocumentMarkAsync());
        await ui.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hour_filters_are_iso_date_times_kept_in_the_address_and_restored_after_a_reload()
    {
        var key = Unique("hours");
        var day = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        (Guid PipelineId, Guid VersionId, Guid StepVersionId) pipeline;
        await using (var db = console.Database.CreateContext())
        {
            pipeline = await TestRuns.AddPipelineAsync(db, key);
            db.PipelineRuns.AddRange(
                TestRuns.Run(pipeline, day.AddHours(13.5), RunStatus.Completed, 0.13m, 13),
                TestRuns.Run(pipeline, day.AddHours(14.5), RunStatus.Completed, 0.14m, 14),
                TestRuns.Run(pipeline, day.AddHours(15.5), RunStatus.Completed, 0.15m, 15));
            await db.SaveChangesAsync();
        }
        var ui = await SignInAsync("ops@aiflow.local");
        await ui.OpenAsync($"/runs?pipelineId={pipeline.PipelineId}");
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(3);

        await ui.Field("runs-filter-from").FillAsync("2026-03-02 14:00");
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(2);
        await ui.Field("runs-filter-to").FillAsync("2026-03-02 15:00");
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(1);
        await Assertions.Expect(ui.Page.GetByTestId("run-row-cost")).ToHaveTextAsync("$0.1400");
        await Assertions.Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("from=2026-03-02T14%3A00%3A00Z.*to=2026-03-02T15%3A00%3A00Z"));

        await ui.Page.ReloadAsync();
        await SignInPage.WaitForInteractiveAsync(ui.Page);
        await Assertions.Expect(ui.Field("runs-filter-from")).ToHaveValueAsync("2026-03-02 14:00");
        await Assertions.Expect(ui.Field("runs-filter-to")).ToHaveValueAsync("2026-03-02 15:00");
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(1);
        await Assertions.Expect(ui.Page.GetByTestId("run-row-cost")).ToHaveTextAsync("$0.1400");

        // A dashboard's drill-down arrives with its hour range written the way the fields and the table write times.
        await ui.OpenAsync(AiFlow.Web.Features.Dashboards.DashboardsPage.RunsHref(new AiFlow.Web.Features.Runs.List.RunFilter
        {
            PipelineId = pipeline.PipelineId, From = day.AddHours(13), To = day.AddHours(14),
        }));
        await Assertions.Expect(ui.Field("runs-filter-from")).ToHaveValueAsync("2026-03-02 13:00");
        await Assertions.Expect(ui.Field("runs-filter-to")).ToHaveValueAsync("2026-03-02 14:00");
        await Assertions.Expect(ui.RunRows).ToHaveCountAsync(1);
        await Assertions.Expect(ui.Page.GetByTestId("run-row-cost")).ToHaveTextAsync("$0.1300");
        await ui.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dashboards_breakdown_tables_keep_their_cost_column_in_view_at_1440_pixels()
    {
        var key = Unique("wide-pipeline-with-a-long-descriptive-key-for-triage");
        await using (var db = console.Database.CreateContext())
        {
            var pipeline = await TestRuns.AddPipelineAsync(db, key);
            var run = TestRuns.Run(pipeline, DateTimeOffset.UtcNow.AddMinutes(-5), RunStatus.Completed, 12345.678901m, 123456789);
            db.PipelineRuns.Add(run);
            db.StepRuns.Add(TestRuns.Step(run, pipeline.StepVersionId, "a", StepRunStatus.Completed, 800, 12345.678901m, 123456789,
                "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo-with-a-long-name", "gpu-cluster-eu-west-primary-endpoint-" + key));
            await db.SaveChangesAsync();
        }
        var page = await console.SignedInPageAsync("ops@aiflow.local", 1440, 900);
        var ui = new RunsUi(page);
        await ui.OpenAsync("/dashboards");
        await page.GetByTestId("dash-refresh").ClickAsync();

        foreach (var table in new[] { "cost-by-pipeline", "cost-by-model", "cost-by-endpoint" })
        {
            var cost = page.Locator($"[data-testid={table}] [data-testid=breakdown-cost]").First;
            await Assertions.Expect(cost).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
            var box = await cost.BoundingBoxAsync();
            var frame = await page.Locator($"[data-testid={table}]").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.NotNull(frame);
            Assert.True(box.X + box.Width <= 1440, $"{table}: the cost column ends at {box.X + box.Width} px, beyond the 1440 px window");
            // Not scrolled away inside its table either: the cell ends where the table's visible frame ends, or before.
            Assert.True(box.X + box.Width <= frame.X + frame.Width + 1, $"{table}: the cost column ends at {box.X + box.Width} px, its table at {frame.X + frame.Width} px");
        }
        await page.Context.CloseAsync();
    }
}
