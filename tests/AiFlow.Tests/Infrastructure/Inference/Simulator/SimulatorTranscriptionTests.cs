using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public sealed class SimulatorTranscriptionTests
{
    [Fact]
    public async Task Transcript_is_derived_from_the_uploaded_file_name()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        using var form = SimulatorHttp.Audio("meeting_notes_q3.wav", [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0]);

        using var response = await client.PostAsync(new Uri(server.BaseUrl + "/audio/transcriptions"), form);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("meeting notes q3", body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_transcript_sidecar_file_supplies_the_text()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        using var form = SimulatorHttp.Audio("call.wav", Encoding.UTF8.GetBytes("#transcript: Please cancel my subscription today."));

        using var response = await client.PostAsync(new Uri(server.BaseUrl + "/audio/transcriptions"), form);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("Please cancel my subscription today.", body["text"]!.GetValue<string>());
    }
}
