using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AiFlow.Tests.Infrastructure.Inference.Gateway.GatewayRequests;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class EndpointHealthTests(ConsoleFixture console)
{
    [Fact]
    public async Task Ops_sees_each_endpoints_error_rate_spend_and_an_open_circuit_on_the_health_page()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        // The console's own simulator: a model directive makes one endpoint answer 500 every time.
        var simulator = new Uri(console.App.BaseAddress, "sim/v1").ToString();
        var broken = new InferenceEndpoint { Name = "broken-" + suffix, Kind = EndpointKind.Chat, BaseUrl = simulator, Model = "sim-chat@fault=500", PricePer1MInputTokens = 1m, PricePer1MOutputTokens = 2m };
        var healthy = new InferenceEndpoint { Name = "healthy-" + suffix, Kind = EndpointKind.Chat, BaseUrl = simulator, Model = "sim-chat", PricePer1MInputTokens = 1m, PricePer1MOutputTokens = 2m };
        var taskType = "health-" + suffix;
        await using (var db = console.Database.CreateContext())
        {
            db.InferenceEndpoints.AddRange(broken, healthy);
            db.ModelRoutes.Add(new ModelRoute { Name = taskType, TaskType = taskType, EndpointChain = [broken.Id, healthy.Id] });
            await db.SaveChangesAsync();
        }
        var gateway = console.App.Services.GetRequiredService<IInferenceGateway>();
        for (var i = 0; i < 5; i++)
        {
            var result = await gateway.CallStructuredAsync(Invoice(taskType), CancellationToken.None);
            Assert.True(result.Succeeded, result.Error);
            Assert.Equal(healthy.Id, result.EndpointId);
        }

        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("ops@aiflow.local", ConsoleApp.DemoPassword);
        await page.GotoAsync("/dashboards/endpoints");
        await SignInPage.WaitForInteractiveAsync(page);

        var brokenRow = page.Locator($"[data-testid=endpoint-row][data-endpoint='{broken.Name}']");
        var healthyRow = page.Locator($"[data-testid=endpoint-row][data-endpoint='{healthy.Name}']");
        await Assertions.Expect(brokenRow.GetByTestId("endpoint-error-rate")).ToHaveTextAsync("100.0 %");
        // Three attempts per call (two retries) trip the breaker after the fourth call; the fifth skipped it.
        await Assertions.Expect(brokenRow.GetByTestId("endpoint-circuit")).ToContainTextAsync("open since");
        await Assertions.Expect(healthyRow.GetByTestId("endpoint-error-rate")).ToHaveTextAsync("0.0 %");
        await Assertions.Expect(healthyRow.GetByTestId("endpoint-circuit")).ToHaveTextAsync("closed");
        await Assertions.Expect(healthyRow.GetByTestId("endpoint-spend")).Not.ToHaveTextAsync("$0.00");
        await page.Context.CloseAsync();
    }
}
