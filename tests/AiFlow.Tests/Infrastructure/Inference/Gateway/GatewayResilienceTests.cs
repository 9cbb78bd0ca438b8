using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Tests.Support;
using static AiFlow.Tests.Infrastructure.Inference.Gateway.GatewayRequests;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway;

public sealed class GatewayResilienceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_closes_once_the_endpoint_recovers()
    {
        var sim = new SimulatorOptions { ErrorRate500 = 1 };
        await using var h = await GatewayHarness.StartAsync(fixture.Database, sim, new Dictionary<string, string?>
        {
            ["AiFlow:Inference:MaxRetries"] = "0",
            ["AiFlow:Inference:CircuitMinimumThroughput"] = "4",
            ["AiFlow:Inference:CircuitBreakMs"] = "800",
        });
        var flaky = await h.AddEndpointAsync("flaky");
        var task = await h.AddRouteAsync(flaky);

        for (var i = 0; i < 4; i++)
        {
            var failed = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);
            Assert.Equal("http-500", Assert.Single(failed.Tried).Outcome);
        }

        var before = h.Simulator.Stats.TotalRequests;
        var open = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);
        Assert.Equal(AttemptStatus.CircuitOpen, Assert.Single(open.Tried).Outcome);
        Assert.Equal(before, h.Simulator.Stats.TotalRequests);
        Assert.Equal(CircuitStates.State.Open, h.Circuits.For(flaky.Id).State);

        sim.ErrorRate500 = 0;
        await Task.Delay(TimeSpan.FromMilliseconds(1000));
        var closed = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);
        Assert.True(closed.Succeeded, closed.Error);
        Assert.Equal(flaky.Id, closed.EndpointId);
        Assert.Equal(CircuitStates.State.Closed, h.Circuits.For(flaky.Id).State);
    }

    [Fact]
    public async Task Concurrency_limit_is_never_exceeded_even_under_a_burst()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database, new SimulatorOptions { LatencyMs = 60 });
        var narrow = await h.AddEndpointAsync("narrow", configure: e => e.MaxConcurrency = 3);
        var task = await h.AddRouteAsync(narrow);

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(3, h.Simulator.Stats.MaxInFlight);
    }

    [Fact]
    public async Task An_edited_concurrency_limit_takes_effect_with_a_fresh_pipeline()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database, new SimulatorOptions { LatencyMs = 60 });
        var endpoint = await h.AddEndpointAsync("edited", configure: e => e.MaxConcurrency = 1);
        var task = await h.AddRouteAsync(endpoint);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None)));
        Assert.Equal(1, h.Simulator.Stats.MaxInFlight);

        await using (var db = h.Database.CreateContext())
        {
            var row = await db.InferenceEndpoints.FindAsync(endpoint.Id);
            row!.MaxConcurrency = 4;
            await db.SaveChangesAsync();
        }

        h.Simulator.Stats.Reset();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None)));
        Assert.Equal(4, h.Simulator.Stats.MaxInFlight);
    }
}
