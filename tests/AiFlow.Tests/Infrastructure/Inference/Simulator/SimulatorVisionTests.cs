using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Media.Imaging;
using SkiaSharp;
using static AiFlow.Tests.Infrastructure.Inference.Simulator.SimulatorHttp;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

/// <summary>Issue 15: the simulator answers a vision call from the pixels it decoded, so a test sees which bytes arrived.</summary>
public sealed class SimulatorVisionTests
{
    private static readonly JsonElement ImagesSchema = JsonDocument.Parse("""
        {"type":"object","required":["description","images"],"properties":{"description":{"type":"string"},
         "images":{"type":"array","items":{"type":"object","properties":{"width":{"type":"integer"},"height":{"type":"integer"},"meanColor":{"type":"string"}}}}}}
        """).RootElement.Clone();

    private static JsonObject VisionChat(string model, params byte[][] images)
    {
        var body = Chat("Describe the frames.", ImagesSchema, model);
        var parts = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Describe the frames." });
        foreach (var image in images)
        {
            parts.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64," + Convert.ToBase64String(image) } });
        }
        body["messages"]![1]!["content"] = parts;
        return body;
    }

    [Fact]
    public async Task A_vision_answer_states_each_inline_images_width_height_and_mean_colour()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        var red = PngMaker.Solid(64, 48, SKColors.Red);
        var halves = PngMaker.Solid(10, 20, new SKColor(0, 0, 200), new SKColor(0, 200, 0));

        using var response = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", VisionChat(SimulatorModels.Vision, red, halves));
        response.EnsureSuccessStatusCode();
        var answer = JsonNode.Parse(await ContentOfAsync(response))!;

        Assert.Equal("Image 1: 64x48 pixels, mean colour #ff0000. Image 2: 10x20 pixels, mean colour #006464.", answer["description"]!.GetValue<string>());
        Assert.Equal([(64, 48, "#ff0000"), (10, 20, "#006464")], answer["images"]!.AsArray()
            .Select(i => (i!["width"]!.GetValue<int>(), i["height"]!.GetValue<int>(), i["meanColor"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_text_only_model_refuses_image_parts_and_an_undecodable_image_is_refused()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        using var textOnly = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", VisionChat(SimulatorModels.Chat, PngMaker.Solid(4, 4, SKColors.Red)));
        using var garbage = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", VisionChat(SimulatorModels.Vision, [1, 2, 3, 4]));

        Assert.Equal(HttpStatusCode.BadRequest, textOnly.StatusCode);
        Assert.Contains("does not accept image input", await textOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("Image 1 could not be decoded", await garbage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
