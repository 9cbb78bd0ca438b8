using System.Diagnostics;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Tests.Support;
using static AiFlow.Tests.Infrastructure.Inference.Gateway.GatewayRequests;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway;

public sealed class GatewayRoutingTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Structured_call_returns_json_that_parses_to_the_schema_and_names_the_endpoint()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var only = await h.AddEndpointAsync("only");
        var task = await h.AddRouteAsync(only);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var json = JsonNode.Parse(result.Content!)!.AsObject();
        Assert.Equal("EUR", json["currency"]!.GetValue<string>());
        Assert.Equal(1299.50, json["total"]!.GetValue<double>());
        Assert.Equal(only.Id, result.EndpointId);
        Assert.Empty(result.Tried);
        Assert.True(result.TokensIn > 0 && result.TokensOut > 0);
    }

    [Fact]
    public async Task Route_falls_through_on_http_500_and_reports_what_was_tried()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var broken = await h.AddEndpointAsync("broken", "sim-chat@fault=500");
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(broken, healthy);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(healthy.Id, result.EndpointId);
        var attempt = Assert.Single(result.Tried);
        Assert.Equal(broken.Id, attempt.EndpointId);
        Assert.Equal("http-500", attempt.Outcome);
    }

    [Fact]
    public async Task A_ten_megabyte_answer_is_refused_with_its_own_error_on_the_row_and_the_route_falls_through()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var runaway = await h.AddEndpointAsync("runaway", "sim-chat@fault=oversized");
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(runaway, healthy);
        var request = Invoice(task) with { IdempotencyKey = "huge-" + Guid.NewGuid() };

        var result = await h.Gateway.CallStructuredAsync(request, CancellationToken.None);
        var alone = await h.Gateway.CallStructuredAsync(Invoice(await h.AddRouteAsync(runaway)), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(healthy.Id, result.EndpointId);
        var attempt = Assert.Single(result.Tried);
        Assert.Equal(AttemptStatus.ResponseTooLarge, attempt.Outcome);
        var row = Assert.Single(await h.RowsForAsync(request.IdempotencyKey), r => r.EndpointId == runaway.Id);
        Assert.Equal(AttemptStatus.ResponseTooLarge, row.Status);
        Assert.Contains("MaxResponseBytes", row.Error, StringComparison.Ordinal);
        Assert.False(alone.Succeeded);
        Assert.Contains("at most 4,194,304 are read", alone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_falls_through_on_429_after_waiting_the_retry_after_it_was_given()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var limited = await h.AddEndpointAsync("limited", "sim-chat@fault=429@retry-after=1");
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(limited, healthy);
        var request = Invoice(task);
        var watch = Stopwatch.StartNew();

        var result = await h.Gateway.CallStructuredAsync(request, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(healthy.Id, result.EndpointId);
        Assert.Equal(AttemptStatus.RateLimited, Assert.Single(result.Tried).Outcome);
        // One retry (MaxRetries = 1) after the server's Retry-After of 1 s, not the 20 ms base delay.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), $"took {watch.Elapsed}");
        // The same Idempotency-Key reached the simulator on both tries and on the fallback: 2 + 1.
        Assert.Equal(3, h.Simulator.Stats.CallsFor(request.IdempotencyKey));
    }

    [Fact]
    public async Task Route_falls_through_when_an_endpoint_times_out()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var stuck = await h.AddEndpointAsync("stuck", "sim-chat@fault=timeout", e => e.TimeoutMs = 300);
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(stuck, healthy);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(healthy.Id, result.EndpointId);
        Assert.Equal(AttemptStatus.Timeout, Assert.Single(result.Tried).Outcome);
    }

    [Fact]
    public async Task The_requests_own_timeout_bounds_an_endpoint_too()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var stuck = await h.AddEndpointAsync("stuck", "sim-chat@fault=timeout", e => e.TimeoutMs = 30_000);
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(stuck, healthy);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task) with { Timeout = TimeSpan.FromMilliseconds(400) }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(AttemptStatus.Timeout, Assert.Single(result.Tried).Outcome);
    }

    [Fact]
    public async Task Route_falls_through_on_malformed_json_for_a_json_schema_call()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var sloppy = await h.AddEndpointAsync("sloppy", "sim-chat@fault=malformed");
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(sloppy, healthy);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        Assert.Equal(healthy.Id, result.EndpointId);
        Assert.Equal(AttemptStatus.MalformedJson, Assert.Single(result.Tried).Outcome);
    }

    [Fact]
    public async Task Route_falls_through_on_output_that_RejectOutput_rejects()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var violating = await h.AddEndpointAsync("violating", "sim-chat@fault=schema-violation");
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(violating, healthy);
        static string? RequireAll(string text) =>
            JsonNode.Parse(text) is JsonObject o && o.ContainsKey("vendor") && o.ContainsKey("total") && o.ContainsKey("currency")
                ? null
                : "missing a required property";

        var result = await h.Gateway.CallStructuredAsync(Invoice(task) with { RejectOutput = RequireAll }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(healthy.Id, result.EndpointId);
        var attempt = Assert.Single(result.Tried);
        Assert.Equal(AttemptStatus.Rejected, attempt.Outcome);
        Assert.Equal("missing a required property", attempt.Error);
    }

    [Fact]
    public async Task When_every_endpoint_fails_the_result_fails_and_lists_all_of_them()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var a = await h.AddEndpointAsync("a", "sim-chat@fault=503");
        var b = await h.AddEndpointAsync("b", "sim-chat@fault=500");
        var task = await h.AddRouteAsync(a, b);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(["http-503", "http-500"], result.Tried.Select(t => t.Outcome));
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task A_cost_sensitive_call_tries_the_cheapest_endpoint_first()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var pricey = await h.AddEndpointAsync("pricey", configure: e => e.PricePer1MOutputTokens = 60m);
        var cheap = await h.AddEndpointAsync("cheap", configure: e => e.PricePer1MOutputTokens = 0.5m);
        var task = await h.AddRouteAsync(pricey, cheap);

        var normal = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);
        var frugal = await h.Gateway.CallStructuredAsync(Invoice(task) with { CostSensitive = true }, CancellationToken.None);

        Assert.Equal(pricey.Id, normal.EndpointId);
        Assert.Equal(cheap.Id, frugal.EndpointId);
    }

    [Fact]
    public async Task A_missing_api_key_variable_is_its_own_error_and_the_route_falls_through()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var keyless = await h.AddEndpointAsync("keyless", configure: e => e.ApiKeyEnvVar = "AIFLOW_ENDPOINT_KEY_TEST_UNSET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(keyless, healthy);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        var attempt = Assert.Single(result.Tried);
        Assert.Equal(AttemptStatus.MissingApiKey, attempt.Outcome);
        Assert.Contains(keyless.ApiKeyEnvVar!, attempt.Error, StringComparison.Ordinal);
        Assert.Equal(healthy.Id, result.EndpointId);
    }
}
