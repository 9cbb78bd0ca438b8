using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.E2E;

/// <summary>
/// <c>/api/budgets</c> with the demo Admin key: budgets are created, listed with their spend, changed and deleted; bad
/// input is refused with a pointer and nothing saved; a run launched with an API key records the key its spend counts against.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class BudgetApiTests(ConsoleFixture console)
{
    private static Uri Budgets(string path = "") => new($"/api/budgets{path}", UriKind.Relative);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<string> AddPipelineAsync()
    {
        var key = "budgeted-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = console.Database.CreateContext();
        var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
        await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Transform("echo", step, """{"text":"{{ input.name }}"}"""));
        return key;
    }

    private async Task<int> CountAsync()
    {
        await using var db = console.Database.CreateContext();
        return await db.Budgets.CountAsync();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string pointer, string titleContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(pointer, problem["pointer"]?.GetValue<string>());
        Assert.Contains(titleContains, problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_lists_with_spend_changes_and_deletes_a_pipeline_budget()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = await AddPipelineAsync();

        var created = await admin.PostAsync(Budgets(), Json($$"""{"name":"{{key}} monthly","scope":"Pipeline","pipeline":"{{key}}","period":"Month","amountUsd":12.5}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var budget = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
        var id = budget["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/budgets/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal((key, "Month", 12.5m, 0m, 80, true), (budget["pipeline"]!.GetValue<string>(), budget["period"]!.GetValue<string>(),
            budget["amountUsd"]!.GetValue<decimal>(), budget["spentUsd"]!.GetValue<decimal>(), budget["softLimitPercent"]!.GetValue<int>(),
            budget["softLimitPercentIsDefault"]!.GetValue<bool>()));

        var listed = (await admin.GetFromJsonAsync<JsonArray>(Budgets()))!.Single(b => b!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(0m, listed["spentUsd"]!.GetValue<decimal>());
        Assert.False(listed["exhausted"]!.GetValue<bool>());

        var changed = await admin.PutAsync(Budgets($"/{id}"), Json($$"""{"name":"{{key}} daily","scope":"Pipeline","pipeline":"{{key}}","period":"Day","amountUsd":2,"softLimitPercent":50}"""));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var read = (await admin.GetFromJsonAsync<JsonNode>(Budgets($"/{id}")))!;
        Assert.Equal(("Day", 2m, 50), (read["period"]!.GetValue<string>(), read["amountUsd"]!.GetValue<decimal>(), read["softLimitPercent"]!.GetValue<int>()));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Budgets($"/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Budgets($"/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(Budgets($"/{id}"))).StatusCode);
    }

    [Fact]
    public async Task A_negative_or_zero_amount_an_unknown_pipeline_or_key_and_a_missing_scope_are_refused_with_a_pointer_and_nothing_saved()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = await AddPipelineAsync();
        var before = await CountAsync();

        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"Pipeline","pipeline":"{{key}}","period":"Day","amountUsd":-5}""")),
            HttpStatusCode.BadRequest, "/amountUsd", "more than $0");
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"Pipeline","pipeline":"{{key}}","period":"Day","amountUsd":0}""")),
            HttpStatusCode.BadRequest, "/amountUsd", "more than $0");
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"Pipeline","pipeline":"{{key}}","period":"Day","amountUsd":"ten"}""")),
            HttpStatusCode.BadRequest, "/amountUsd", "a number");
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json("""{"name":"n","scope":"Pipeline","pipeline":"no-such-pipeline","period":"Day","amountUsd":5}""")),
            HttpStatusCode.BadRequest, "/pipeline", "There is no pipeline 'no-such-pipeline'");
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"ApiKey","apiKeyId":"{{Guid.NewGuid()}}","period":"Day","amountUsd":5}""")),
            HttpStatusCode.BadRequest, "/apiKeyId", "There is no API key");
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json("""{"name":"n","period":"Day","amountUsd":5}""")),
            HttpStatusCode.BadRequest, "/scope", "A scope is required");
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"Pipeline","pipeline":"{{key}}","period":"Day","amountUsd":5,"softLimitPercent":150}""")),
            HttpStatusCode.BadRequest, "/softLimitPercent", "from 1 to 100");
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"Pipeline","pipeline":"{{key}}","period":"Fortnight","amountUsd":5}""")),
            HttpStatusCode.BadRequest, "/period", "one of");

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Two_names_for_a_period_or_scope_a_number_and_an_amount_below_a_millionth_are_refused_but_one_name_in_any_case_is_taken()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = await AddPipelineAsync();
        var before = await CountAsync();

        // Read as flags, "Week, Month" was the value 3: saved, it made every spend check (so every model call) throw.
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"Pipeline","pipeline":"{{key}}","period":"Week, Month","amountUsd":5}""")),
            HttpStatusCode.BadRequest, "/period", "one of");
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"Pipeline, ApiKey","pipeline":"{{key}}","period":"Day","amountUsd":5}""")),
            HttpStatusCode.BadRequest, "/scope", "one of");
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"Pipeline","pipeline":"{{key}}","period":"2","amountUsd":5}""")),
            HttpStatusCode.BadRequest, "/period", "one of");
        // numeric(18, 6) rounded this to $0, which the table's check refused with a 500.
        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"Pipeline","pipeline":"{{key}}","period":"Day","amountUsd":0.0000001}""")),
            HttpStatusCode.BadRequest, "/amountUsd", "six decimals");
        Assert.Equal(before, await CountAsync());

        // Names are still read in any case, one at a time.
        var taken = await admin.PostAsync(Budgets(), Json($$"""{"name":"n","scope":"pipeline","pipeline":"{{key}}","period":"week","amountUsd":0.000001}"""));
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal("Week", (await taken.Content.ReadFromJsonAsync<JsonNode>())!["period"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_budget_for_the_same_scope_and_period_is_a_conflict_but_another_period_is_not()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = await AddPipelineAsync();
        string Body(string name, string period) => $$"""{"name":"{{name}}","scope":"Pipeline","pipeline":"{{key}}","period":"{{period}}","amountUsd":5}""";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(Budgets(), Json(Body("first", "Week")))).StatusCode);
        var before = await CountAsync();

        await AssertProblemAsync(await admin.PostAsync(Budgets(), Json(Body("second", "Week"))), HttpStatusCode.Conflict, "/period", "already has a week budget ('first')");

        Assert.Equal(before, await CountAsync());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(Budgets(), Json(Body("monthly", "Month")))).StatusCode);
    }

    [Fact]
    public async Task Ops_may_read_budgets_but_not_set_them()
    {
        using var ops = await console.ApiClientWithRoleAsync("Ops");

        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync(Budgets())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PostAsync(Budgets(), Json("""{"name":"n","scope":"Global","period":"Day","amountUsd":5}"""))).StatusCode);
    }

    [Fact]
    public async Task A_run_launched_with_an_api_key_records_that_key_so_its_spend_counts_against_the_keys_budgets()
    {
        using var ops = await console.ApiClientWithRoleAsync("Ops");
        var key = await AddPipelineAsync();

        var response = await ops.PostAsync(new Uri($"/api/pipelines/{key}/runs", UriKind.Relative), Json("""{"input":{"name":"ada"}}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.GetValue<Guid>();

        await using var db = console.Database.CreateContext();
        var run = await db.PipelineRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        var apiKey = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == run.ApiKeyId);
        Assert.Equal("apikey:" + apiKey.Name, run.RequestedBy);
        Assert.StartsWith("Ops-", apiKey.Name, StringComparison.Ordinal);
    }
}
