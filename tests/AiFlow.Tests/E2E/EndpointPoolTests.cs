using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AiFlow.Tests.Infrastructure.Inference.Gateway.GatewayRequests;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class EndpointPoolTests(ConsoleFixture console)
{
    private static readonly System.Text.Json.JsonSerializerOptions Wire = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    [Fact]
    public async Task A_pool_with_an_internal_replica_url_and_a_zero_weight_answers_400_pointing_into_the_replica_and_saves_nothing()
    {
        using var client = Client();
        var name = "pool-bad-" + Guid.NewGuid().ToString("N")[..6];
        var form = new EndpointForm
        {
            Name = name, BaseUrl = "http://127.0.0.1:" + ConsoleApp.SimulatorPort + "/v1", Model = "sim-chat",
            Replicas = [new EndpointReplica { BaseUrl = "http://10.0.0.1/v1", Weight = 0, MaxConcurrency = 4 }],
        };

        var refused = await client.PostAsJsonAsync(new Uri("/api/endpoints", UriKind.Relative), form, Wire);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("/replicas/0/baseUrl", problem!["pointer"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["replicas/0/weight"]);
        var listed = await client.GetFromJsonAsync<List<EndpointSummary>>(new Uri("/api/endpoints", UriKind.Relative), ApiJson.Options);
        Assert.DoesNotContain(listed!, e => e.Name == name);
    }

    [Fact]
    public async Task A_pool_saved_through_the_api_serves_calls_and_ops_sees_its_replicas_on_the_health_page()
    {
        using var client = Client();
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions(), ConsoleApp.SimulatorPort);
        var name = "pool-" + Guid.NewGuid().ToString("N")[..6];
        var form = new EndpointForm
        {
            Name = name, BaseUrl = new Uri(console.App.BaseAddress, "sim/v1").ToString(), Model = "sim-chat", MaxConcurrency = 2,
            Replicas = [new EndpointReplica { BaseUrl = simulator.BaseUrl, Weight = 2, MaxConcurrency = 3 }],
        };
        var created = await client.PostAsJsonAsync(new Uri("/api/endpoints", UriKind.Relative), form, Wire);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listed = (await client.GetFromJsonAsync<List<EndpointSummary>>(new Uri("/api/endpoints", UriKind.Relative), ApiJson.Options))!.Single(e => e.Name == name);
        Assert.Equal(2, Assert.Single(listed.Replicas).Weight);
        var taskType = "pool-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = console.Database.CreateContext())
        {
            db.ModelRoutes.Add(new ModelRoute { Name = taskType, TaskType = taskType, EndpointChain = [listed.Id], Strategy = RoutingStrategy.LeastBusy });
            await db.SaveChangesAsync();
        }

        var gateway = console.App.Services.GetRequiredService<IInferenceGateway>();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => gateway.CallStructuredAsync(Invoice(taskType), CancellationToken.None)));
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));

        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("ops@aiflow.local", ConsoleApp.DemoPassword);
        await page.GotoAsync("/dashboards/endpoints");
        await SignInPage.WaitForInteractiveAsync(page);
        var replicas = page.Locator($"[data-testid=pool-replica][data-endpoint='{name}']");
        await Assertions.Expect(replicas).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Assertions.Expect(replicas.Nth(1)).ToHaveAttributeAsync("data-health", "healthy");
        await Assertions.Expect(replicas.Nth(1)).ToContainTextAsync(" ms");
        await Assertions.Expect(page.GetByTestId("pool-queue-depth")).ToHaveTextAsync("0");
        await page.Context.CloseAsync();
    }

    private HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        return client;
    }
}
