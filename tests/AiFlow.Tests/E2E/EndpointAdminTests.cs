using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiFlow.Domain.Common;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class EndpointAdminTests(ConsoleFixture console)
{
    /// <summary>The API binds enums by name only (ADR 0021): a number could name a value the enum does not have.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Wire = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    [Fact]
    public async Task An_admin_adds_an_endpoint_tests_the_connection_and_sees_it_healthy()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions(), ConsoleApp.SimulatorPort);
        var name = "Lab GPU " + Guid.NewGuid().ToString("N")[..6];
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword, "/endpoints");
        await SignInPage.WaitForInteractiveAsync(page);
        var endpoints = new EndpointsAdminPage(page);

        await endpoints.AddEndpointAsync(name, simulator.BaseUrl, "sim-chat");
        await Assertions.Expect(endpoints.Row(name)).ToBeVisibleAsync();
        await endpoints.TestConnectionAsync(name);

        await Assertions.Expect(endpoints.Row(name).GetByTestId("endpoint-test-result")).ToHaveAttributeAsync("data-ok", "yes");
        await Assertions.Expect(endpoints.Row(name).GetByTestId("endpoint-test-result")).ToContainTextAsync("Connected in");
        await Assertions.Expect(endpoints.Row(name).GetByTestId("endpoint-health")).ToHaveAttributeAsync("data-health", "Healthy");
        Assert.Equal(1, simulator.Stats.TotalRequests);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Deleting_a_route_asks_first_refuses_a_route_a_step_names_and_is_audited()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (named, spare) = (new ModelRoute { Name = "named-" + tag, TaskType = "named-" + tag }, new ModelRoute { Name = "spare-" + tag, TaskType = "spare-" + tag });
        await using (var db = console.Database.CreateContext())
        {
            db.ModelRoutes.AddRange(named, spare);
            await db.SaveChangesAsync();
            var step = await TestPipelines.AddTransformStepAsync(db, "routed-" + tag);
            await db.StepVersions.Where(v => v.Id == step).ExecuteUpdateAsync(u => u.SetProperty(v => v.ModelRouteId, named.Id));
        }
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword, "/endpoints");
        await SignInPage.WaitForInteractiveAsync(page);
        // The form's alert showed the word "routeProblem" from the start, and never the real reason.
        await Assertions.Expect(page.GetByTestId("route-form-error")).ToHaveCountAsync(0);
        ILocator Row(string name) => page.Locator("tr").Filter(new() { Has = page.GetByTestId("route-name").Filter(new() { HasText = name }) });
        ILocator Dialog() => page.Locator(".mud-dialog").Filter(new() { HasText = "Delete route" });

        await Row(spare.Name).GetByTestId("route-delete").ClickAsync();
        await Dialog().GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(Row(spare.Name)).ToBeVisibleAsync();

        await Row(named.Name).GetByTestId("route-delete").ClickAsync();
        await Dialog().GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("route-form-error")).ToContainTextAsync($"is named by step routed-{tag} v1");
        await Assertions.Expect(Row(named.Name)).ToBeVisibleAsync();

        await Row(spare.Name).GetByTestId("route-delete").ClickAsync();
        await Dialog().GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(Row(spare.Name)).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        await using var check = console.Database.CreateContext();
        Assert.True(await check.ModelRoutes.AnyAsync(r => r.Id == named.Id));
        Assert.False(await check.ModelRoutes.AnyAsync(r => r.Id == spare.Id));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(ModelRoute) && a.EntityId == spare.Id.ToString() && a.Action == AuditAction.Deleted));
    }

    [Fact]
    public async Task The_form_refuses_a_metadata_address()
    {
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword, "/endpoints");
        await SignInPage.WaitForInteractiveAsync(page);
        var endpoints = new EndpointsAdminPage(page);

        await endpoints.AddEndpointAsync("Metadata " + Guid.NewGuid().ToString("N")[..6], "http://169.254.169.254/latest", "gpt-4o-mini");

        await Assertions.Expect(page.GetByText("link-local").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_api_creates_tests_updates_and_deletes_an_endpoint_and_refuses_internal_urls()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions(), ConsoleApp.SimulatorPort);
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        var form = new EndpointForm { Name = "api-" + Guid.NewGuid().ToString("N")[..6], BaseUrl = simulator.BaseUrl, Model = "sim-chat" };

        var refused = await client.PostAsJsonAsync(new Uri("/api/endpoints", UriKind.Relative), new EndpointForm { Name = "x", BaseUrl = "http://10.0.0.1/v1", Model = "m" }, Wire);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var badEnv = await client.PostAsJsonAsync(new Uri("/api/endpoints", UriKind.Relative), new EndpointForm { Name = "y", BaseUrl = simulator.BaseUrl, Model = "m", ApiKeyEnvVar = "sk-live-123" }, Wire);
        Assert.Equal(HttpStatusCode.BadRequest, badEnv.StatusCode);

        var created = await client.PostAsJsonAsync(new Uri("/api/endpoints", UriKind.Relative), form, Wire);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<Dictionary<string, Guid>>())!["id"];

        var test = await (await client.PostAsync(new Uri($"/api/endpoints/{id}/test", UriKind.Relative), null)).Content.ReadFromJsonAsync<ConnectionTestResult>(ApiJson.Options);
        Assert.True(test!.Succeeded, test.Error);

        form.MaxConcurrency = 2;
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync(new Uri($"/api/endpoints/{id}", UriKind.Relative), form, Wire)).StatusCode);
        var listed = await client.GetFromJsonAsync<List<EndpointSummary>>(new Uri("/api/endpoints", UriKind.Relative), ApiJson.Options);
        var row = Assert.Single(listed!, e => e.Id == id);
        Assert.Equal(2, row.MaxConcurrency);
        Assert.NotNull(row.LastSuccessAt);
        Assert.Equal(0, row.ErrorRateLastHour);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(new Uri($"/api/endpoints/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(new Uri($"/api/endpoints/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_console_serves_the_simulator_at_sim_v1_in_demo_mode()
    {
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        var response = await client.GetAsync(new Uri("/sim/v1/models", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Saving_an_endpoint_key_variable_without_the_prefix_answers_400_with_a_pointer_and_saves_nothing()
    {
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        var name = "prefixless-" + Guid.NewGuid().ToString("N")[..6];

        var refused = await client.PostAsJsonAsync(new Uri("/api/endpoints", UriKind.Relative),
            new EndpointForm { Name = name, BaseUrl = "http://127.0.0.1:" + ConsoleApp.SimulatorPort + "/v1", Model = "m", ApiKeyEnvVar = "AIFLOW_DEMO_API_KEY" }, Wire);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Equal("/apiKeyEnvVar", problem!["pointer"]!.GetValue<string>());
        Assert.Contains(ApiKeys.VariablePrefix, problem["errors"]!["apiKeyEnvVar"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var listed = await client.GetFromJsonAsync<List<EndpointSummary>>(new Uri("/api/endpoints", UriKind.Relative), ApiJson.Options);
        Assert.DoesNotContain(listed!, e => e.Name == name);
    }

    [Theory]
    [InlineData(10_000_000_000_000, "at most")]
    [InlineData(0.0000001, "six decimals")]
    [InlineData(-1, "negative")]
    public async Task A_price_the_column_cannot_hold_answers_400_at_its_field_and_saves_nothing(double price, string reason)
    {
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        var name = "priced-" + Guid.NewGuid().ToString("N")[..6];

        // numeric(18, 6) overflowed with a 500 before; a price of a ten-millionth rounded to 0 without a word.
        var refused = await client.PostAsJsonAsync(new Uri("/api/endpoints", UriKind.Relative), new EndpointForm
        {
            Name = name, BaseUrl = "http://127.0.0.1:" + ConsoleApp.SimulatorPort + "/v1", Model = "m", PricePer1MInputTokens = (decimal)price,
        }, Wire);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Equal("/pricePer1MInputTokens", problem!["pointer"]!.GetValue<string>());
        Assert.Contains(reason, problem["errors"]!["pricePer1MInputTokens"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var listed = await client.GetFromJsonAsync<List<EndpointSummary>>(new Uri("/api/endpoints", UriKind.Relative), ApiJson.Options);
        Assert.DoesNotContain(listed!, e => e.Name == name);
    }

    [Fact]
    public async Task A_key_entered_for_an_endpoint_is_stored_encrypted_and_never_answered_back()
    {
        const string key = "sk-entered-SECRET-0123456789";
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        var form = new EndpointForm { Name = "stored-" + Guid.NewGuid().ToString("N")[..6], BaseUrl = "http://127.0.0.1:" + ConsoleApp.SimulatorPort + "/v1", Model = "m", ApiKey = key };

        var created = await client.PostAsJsonAsync(new Uri("/api/endpoints", UriKind.Relative), form, Wire);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listing = await client.GetStringAsync(new Uri("/api/endpoints", UriKind.Relative));
        Assert.DoesNotContain(key, listing, StringComparison.Ordinal);
        var row = Assert.Single((await client.GetFromJsonAsync<List<EndpointSummary>>(new Uri("/api/endpoints", UriKind.Relative), ApiJson.Options))!, e => e.Name == form.Name);
        Assert.True(row.HasStoredApiKey);
        Assert.Null(row.ApiKeyEnvVar);
    }
}
