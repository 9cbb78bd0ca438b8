using System.Collections.Concurrent;
using System.Text;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs;
using AiFlow.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

/// <summary>A console configured with an OTLP/HTTP endpoint pushes a span per run and per step attempt, and its metrics.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task A_run_is_exported_as_spans_with_model_tokens_and_cost_attributes_and_metrics_to_an_otlp_collector()
    {
        await using var collector = await Collector.StartAsync();
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var console = new ConsoleApp(database.ConnectionString, new Dictionary<string, string>
        {
            ["AiFlow:Telemetry:OtlpEndpoint"] = collector.BaseUrl,
            ["AiFlow:Telemetry:OtlpProtocol"] = "http/protobuf",
            ["AiFlow:Telemetry:ExportIntervalMs"] = "300",
        });
        console.Start();
        await using (var db = database.CreateContext())
        {
            // An LLM step on this console's own simulator, so the span has a model, tokens and a cost.
            var route = await TestPipelines.AddRouteAsync(db, new Uri(console.BaseAddress, "sim/v1").ToString(), "sim-chat");
            var step = await TestPipelines.AddLlmStepAsync(db, "otlp-step", route,
                """{"type":"object","required":["greeting"],"properties":{"greeting":{"type":"string"}}}""", "Greet {{ input.name }}.");
            await TestPipelines.AddPipelineAsync(db, "otlp", null, TestPipelines.Llm("greet", step));
        }

        var launched = await console.Services.GetRequiredService<RunLauncher>().LaunchAsync("otlp", """{"name":"ada"}""", RunTrigger.Api, "test", null, CancellationToken.None);
        var runId = launched.RunId ?? throw new InvalidOperationException(launched.Message);
        await WaitUntilAsync(async () =>
        {
            await using var db = database.CreateContext();
            return await db.PipelineRuns.AnyAsync(r => r.Id == runId && r.Status == RunStatus.Completed);
        }, "the run to complete");

        // OTLP protobuf carries strings as UTF-8, so span names, attribute keys and values can be read in the payload.
        await WaitUntilAsync(() => Task.FromResult(collector.Received("/v1/traces", "step greet", "run", runId.ToString(),
            "aiflow.node", "gen_ai.request.model", "sim-chat", "gen_ai.usage.input_tokens", "aiflow.cost_usd")), "the run and step spans at /v1/traces: " + collector.Describe("/v1/traces"));
        await WaitUntilAsync(() => Task.FromResult(collector.Received("/v1/metrics", "aiflow.steps", "aiflow.step.duration")), "the metrics at /v1/metrics");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Waited 20 s for {what}.");
    }

    /// <summary>A stand-in OTLP/HTTP collector: keeps every body posted to /v1/traces and /v1/metrics.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly ConcurrentQueue<(string Path, string Body)> bodies = new();

        private Collector(WebApplication app) => this.app = app;

        public string BaseUrl { get; private set; } = "";

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new Collector(app);
            app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                collector.bodies.Enqueue((request.Path, Encoding.UTF8.GetString(buffer.ToArray())));
                return Results.Ok();
            });
            await app.StartAsync();
            collector.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return collector;
        }

        public bool Received(string path, params string[] texts) =>
            texts.All(t => bodies.Any(b => b.Path == path && b.Body.Contains(t, StringComparison.Ordinal)));

        public string Describe(string path) => string.Join(" | ", bodies.Where(b => b.Path == path).Select(b => b.Body.Length + " bytes"));

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
