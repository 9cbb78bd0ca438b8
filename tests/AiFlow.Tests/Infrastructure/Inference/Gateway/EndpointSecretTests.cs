using System.Net;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiFlow.Tests.Infrastructure.Inference.Gateway.GatewayRequests;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway;

/// <summary>Where endpoint keys may come from, and what an endpoint's failure may tell the console about itself.</summary>
public sealed class EndpointSecretTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string UpstreamBody = "UPSTREAM-BODY-MARKER internal stack trace at 10.1.2.3";

    [Theory]
    [InlineData("PATH")]
    [InlineData("AIFLOW_DEMO_API_KEY")]
    [InlineData("ConnectionStrings__AiFlow")]
    [InlineData("AIFLOW_ENDPOINT_KEY_")]
    [InlineData("sk-live-123")]
    public void A_variable_outside_the_endpoint_key_prefix_is_refused(string name) =>
        Assert.NotNull(ApiKeys.CheckVariableName(name));

    [Fact]
    public void A_variable_with_the_endpoint_key_prefix_is_accepted() =>
        Assert.Null(ApiKeys.CheckVariableName("AIFLOW_ENDPOINT_KEY_OPENAI"));

    [Fact]
    public async Task An_endpoint_row_naming_another_variable_is_refused_at_call_time_and_its_value_never_sent()
    {
        var variable = "AIFLOW_TEST_NOT_A_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, "process-secret-0123456789");
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var sneaky = await h.AddEndpointAsync("sneaky", configure: e => e.ApiKeyEnvVar = variable);
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(sneaky, healthy);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        var attempt = Assert.Single(result.Tried);
        Assert.Equal(AttemptStatus.ApiKeyRefused, attempt.Outcome);
        Assert.Contains(ApiKeys.VariablePrefix, attempt.Error, StringComparison.Ordinal);
        Assert.Equal(healthy.Id, result.EndpointId);
        Assert.Equal(1, h.Simulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task A_stored_key_is_encrypted_in_the_row_and_decrypted_only_for_the_call()
    {
        const string key = "sk-stored-SECRET-0123456789";
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var keys = h.Services.GetRequiredService<ApiKeys>();
        var stored = await h.AddEndpointAsync("stored", configure: e => e.ApiKeySecret = keys.Protect(key));
        var task = await h.AddRouteAsync(stored);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        await using var db = h.Database.CreateContext();
        var row = await db.InferenceEndpoints.AsNoTracking().SingleAsync(e => e.Id == stored.Id);
        Assert.DoesNotContain(key, row.ApiKeySecret, StringComparison.Ordinal);
        Assert.Equal(key, keys.Resolve(row));
    }

    [Theory]
    [InlineData(401, "unauthorized")]
    [InlineData(404, "not found")]
    [InlineData(429, "rate limited")]
    [InlineData(503, "server error")]
    public async Task Test_connection_and_last_error_show_the_status_and_a_reason_but_never_the_upstream_body(int status, string reason)
    {
        await using var upstream = await FailingUpstream.StartAsync(status, UpstreamBody);
        await using var h = await GatewayHarness.StartAsync(fixture.Database, settings: new Dictionary<string, string?>
        {
            ["AiFlow:Inference:AllowedHosts:1"] = upstream.HostAndPort,
            ["AiFlow:Inference:MaxRetries"] = "0",
        });
        var endpoint = await h.AddEndpointAsync("failing", configure: e => e.BaseUrl = upstream.BaseUrl);

        var test = await h.Gateway.TestEndpointAsync(endpoint.Id, CancellationToken.None);

        Assert.False(test.Succeeded);
        Assert.Contains($"HTTP {status}", test.Error, StringComparison.Ordinal);
        Assert.Contains(reason, test.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("UPSTREAM-BODY-MARKER", test.Error, StringComparison.Ordinal);
        await using var db = h.Database.CreateContext();
        var row = await db.InferenceEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpoint.Id);
        Assert.Contains($"HTTP {status}", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("UPSTREAM-BODY-MARKER", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_not_listening_is_reported_unreachable()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        await using var h = await GatewayHarness.StartAsync(fixture.Database, settings: new Dictionary<string, string?>
        {
            ["AiFlow:Inference:AllowedHosts:1"] = $"127.0.0.1:{port}",
            ["AiFlow:Inference:MaxRetries"] = "0",
        });
        var endpoint = await h.AddEndpointAsync("gone", configure: e => e.BaseUrl = $"http://127.0.0.1:{port}/v1");

        var test = await h.Gateway.TestEndpointAsync(endpoint.Id, CancellationToken.None);

        Assert.False(test.Succeeded);
        Assert.Contains("Unreachable", test.Error, StringComparison.Ordinal);
    }

    /// <summary>An OpenAI-compatible server that answers every request with one status and a tell-tale body.</summary>
    private sealed class FailingUpstream(WebApplication app, int port) : IAsyncDisposable
    {
        public string HostAndPort => $"127.0.0.1:{port}";
        public string BaseUrl => $"http://127.0.0.1:{port}/v1";

        public static async Task<FailingUpstream> StartAsync(int status, string body)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.Run(async context =>
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"error\":{\"message\":\"" + body + "\",\"type\":\"x\"}}");
            });
            await app.StartAsync();
            return new FailingUpstream(app, new Uri(app.Urls.First()).Port);
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
