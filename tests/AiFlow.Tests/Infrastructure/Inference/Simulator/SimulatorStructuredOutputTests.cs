using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;
using static AiFlow.Tests.Infrastructure.Inference.Simulator.SimulatorHttp;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public sealed class SimulatorStructuredOutputTests
{
    private const string Invoice =
        "Invoice from Nordwind Hardware GmbH. Total: 1299.50 EUR for 3 lines of hardware. "
        + "Payment is urgent, due 2025-03-31.";

    [Fact]
    public async Task Simulator_returns_json_that_conforms_to_the_requested_schema()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        var result = await StructuredAsync(client, server.BaseUrl, Invoice, InvoiceSchema);

        var allowed = new[] { "vendor", "total", "currency", "lineCount", "category", "urgent", "dueDate", "notes" };
        Assert.All(result, p => Assert.Contains(p.Key, allowed));
        var vendor = result["vendor"]!.GetValue<string>();
        Assert.InRange(vendor.Length, 2, 40);
        Assert.Equal(1299.50, result["total"]!.GetValue<double>());
        Assert.Equal("EUR", result["currency"]!.GetValue<string>());
        Assert.Equal(3, result["lineCount"]!.GetValue<long>());
        Assert.Equal("hardware", result["category"]!.GetValue<string>());
        Assert.True(result["urgent"]!.GetValue<bool>());
        if (result["dueDate"] is { } due)
        {
            Assert.Equal("2025-03-31", due.GetValue<string>());
        }

        if (result["notes"] is JsonArray notes)
        {
            Assert.InRange(notes.Count, 1, 2);
            Assert.All(notes, n => Assert.Equal(JsonValueKind.String, n!.GetValueKind()));
        }
    }

    [Fact]
    public async Task Same_prompt_gives_the_same_output_and_a_different_prompt_a_different_one()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        var first = await StructuredAsync(client, server.BaseUrl, Invoice, InvoiceSchema);
        var again = await StructuredAsync(client, server.BaseUrl, Invoice, InvoiceSchema);
        var other = await StructuredAsync(
            client, server.BaseUrl, "Receipt from Skyline Travel Ltd. Total: 88 GBP for 1 line of travel.", InvoiceSchema);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.NotEqual(first.ToJsonString(), other.ToJsonString());
        Assert.Equal("GBP", other["currency"]!.GetValue<string>());
        Assert.Equal("travel", other["category"]!.GetValue<string>());
        Assert.Equal(88, other["total"]!.GetValue<double>());
    }

    [Fact]
    public async Task Plain_chat_returns_an_openai_shaped_text_answer_with_usage()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        using var response = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", Chat("What is the capital of France?"));
        var body = await ReadObjectAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal("sim-chat", body["model"]!.GetValue<string>());
        Assert.StartsWith("chatcmpl-", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        var choice = body["choices"]![0]!;
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Contains("capital", choice["message"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var usage = body["usage"]!;
        Assert.True(usage["prompt_tokens"]!.GetValue<int>() >= 1);
        Assert.Equal(
            usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(),
            usage["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Image_parts_and_json_object_format_are_accepted()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        var body = new JsonObject
        {
            ["model"] = SimulatorModels.Vision,
            ["response_format"] = new JsonObject { ["type"] = "json_object" },
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = "Describe this receipt." },
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "https://example.com/coffee_receipt.png" } }),
            }),
        };

        using var response = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", body);
        var content = JsonNode.Parse(await ContentOfAsync(response))!.AsObject();

        Assert.Contains("receipt", content["answer"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_are_listed()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        var body = JsonNode.Parse(await client.GetStringAsync(new Uri(server.BaseUrl + "/models")))!;

        var ids = body["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(SimulatorModels.Chat, ids);
        Assert.Contains(SimulatorModels.Embedding, ids);
    }
}
