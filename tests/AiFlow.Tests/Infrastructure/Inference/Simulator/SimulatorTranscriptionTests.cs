using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Media.Audio;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public sealed class SimulatorTranscriptionTests
{
    [Fact]
    public async Task Transcript_is_derived_from_the_uploaded_file_name_and_states_the_wav_duration()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        using var form = SimulatorHttp.Audio("meeting_notes_q3.wav", WavWriter.Tone(1.5));

        using var response = await client.PostAsync(new Uri(server.BaseUrl + "/audio/transcriptions"), form);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("meeting notes q3. The audio lasts 1.5 seconds.", body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verbose_json_has_one_segment_per_second_whose_times_add_up_to_the_duration_read_from_the_wav_header()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        using var form = SimulatorHttp.Audio("interview.wav", WavWriter.Tone(2.5, sampleRate: 8000));
        form.Add(new StringContent("verbose_json"), "response_format");

        using var response = await client.PostAsync(new Uri(server.BaseUrl + "/audio/transcriptions"), form);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(2.5, body["duration"]!.GetValue<double>(), 3);
        var segments = body["segments"]!.AsArray();
        Assert.Equal([(0.0, 1.0), (1.0, 2.0), (2.0, 2.5)], segments.Select(s => (s!["start"]!.GetValue<double>(), s["end"]!.GetValue<double>())));
        Assert.Equal("Part 3 of 3: interview", segments[2]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_corrupt_wav_and_bytes_that_are_no_audio_are_refused_with_a_clear_400()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        using var truncated = SimulatorHttp.Audio("broken.wav", WavWriter.Tone(1)[..30]);
        using var text = SimulatorHttp.Audio("notes.wav", Encoding.UTF8.GetBytes("not audio at all"));

        using var corrupt = await client.PostAsync(new Uri(server.BaseUrl + "/audio/transcriptions"), truncated);
        using var unreadable = await client.PostAsync(new Uri(server.BaseUrl + "/audio/transcriptions"), text);

        Assert.Equal(HttpStatusCode.BadRequest, corrupt.StatusCode);
        Assert.Contains("corrupt WAV", await corrupt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("could not be read", await unreadable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
