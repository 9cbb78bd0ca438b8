using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static AiFlow.Tests.Infrastructure.Inference.Simulator.SimulatorHttp;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public sealed class SimulatorHostingTests
{
    [Fact]
    public async Task Mapped_into_a_web_host_it_binds_options_from_the_AiFlow_Simulator_section()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration["AiFlow:Simulator:ErrorRate500"] = "1";
        builder.Services.AddInferenceSimulator(builder.Configuration);
        await using var app = builder.Build();
        app.MapInferenceSimulator();
        await app.StartAsync();
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient();

        using var response = await PostJsonAsync(client, root + "/sim/v1/chat/completions", Chat("hello"));
        var models = await client.GetStringAsync(new Uri(root + "/sim/v1/models"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(SimulatorModels.Chat, models, StringComparison.Ordinal);
        Assert.Equal(1, app.Services.GetRequiredService<SimulatorStats>().TotalRequests);
        await app.StopAsync();
    }

    [Fact]
    public async Task Streaming_requests_get_server_sent_chunks_that_add_up_to_the_answer()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        var body = Chat("Summarise the quarterly report for the board.");
        using var plain = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", body);
        var expected = await ContentOfAsync(plain);
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };

        using var streamed = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", body);
        var events = (await streamed.Content.ReadAsStringAsync())
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e["data: ".Length..])
            .ToList();

        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType!.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events.SkipLast(1).Select(e => JsonNode.Parse(e)!).ToList();
        var text = new StringBuilder();
        foreach (var choice in chunks.SelectMany(c => c["choices"]!.AsArray()))
        {
            text.Append(choice!["delta"]!["content"]?.GetValue<string>());
        }

        Assert.Equal(expected, text.ToString());
        Assert.Contains(chunks, c => c["choices"]!.AsArray().Any(ch => ch!["finish_reason"]?.GetValue<string>() == "stop"));
        Assert.NotNull(chunks[^1]["usage"]);
    }
}
