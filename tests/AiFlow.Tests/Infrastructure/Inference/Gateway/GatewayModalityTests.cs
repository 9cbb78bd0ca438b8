using AiFlow.Infrastructure.Media.Audio;
using AiFlow.Infrastructure.Media.Imaging;
using SkiaSharp;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Tests.Support;
using static AiFlow.Tests.Infrastructure.Inference.Gateway.GatewayRequests;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway;

public sealed class GatewayModalityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_vision_call_sends_image_parts_by_url_and_as_inline_data()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var vision = await h.AddEndpointAsync("vision", "sim-vision", e => e.Kind = EndpointKind.Vision);
        var task = await h.AddRouteAsync(vision);
        var png = "data:image/png;base64," + Convert.ToBase64String(PngMaker.Solid(40, 30, new SKColor(0x20, 0x40, 0x80)));
        var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object","required":["description"],"properties":{"description":{"type":"string"}}}""").RootElement.Clone();

        var result = await h.Gateway.CallStructuredAsync(Invoice(task) with
        {
            Schema = schema,
            Images = [new CallImage("https://example.com/scans/nordwind_invoice_march.png"), new CallImage(png)],
        }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(vision.Id, result.EndpointId);
        // The simulator decoded the inline part: its size and colour come back, so an image dropped on the way fails here.
        using var answer = System.Text.Json.JsonDocument.Parse(result.Content!);
        Assert.Equal("Image 1: 40x30 pixels, mean colour #204080.", answer.RootElement.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_fetch_link_the_console_cannot_make_sends_the_image_inline_and_the_fetching_endpoint_is_not_blamed()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var vision = await h.AddEndpointAsync("vision-fetching", "sim-vision", e => { e.Kind = EndpointKind.Vision; e.FetchesMediaUrls = true; });
        var task = await h.AddRouteAsync(vision);
        var png = "data:image/png;base64," + Convert.ToBase64String(PngMaker.Solid(24, 16, new SKColor(0x80, 0x40, 0x20)));
        var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object","required":["description"],"properties":{"description":{"type":"string"}}}""").RootElement.Clone();
        // Storing the sized-down copy failed: the console's fault, not the endpoint's.
        var image = new CallImage(png, _ => Task.FromException<string?>(new IOException("No space left on device")));

        var result = await h.Gateway.CallStructuredAsync(Invoice(task) with { Schema = schema, Images = [image] }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(vision.Id, result.EndpointId);
        Assert.Empty(result.Tried);
        Assert.False(Assert.Single(result.ImageDeliveries).ByUrl);
        using var answer = System.Text.Json.JsonDocument.Parse(result.Content!);
        Assert.Equal("Image 1: 24x16 pixels, mean colour #804020.", answer.RootElement.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_transcription_goes_through_the_same_chain_and_falls_through_on_failure()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var broken = await h.AddEndpointAsync("stt-broken", "sim-whisper@fault=500", e => e.Kind = EndpointKind.Transcription);
        var whisper = await h.AddEndpointAsync("stt", "sim-whisper", e => e.Kind = EndpointKind.Transcription);
        var task = await h.AddRouteAsync(broken, whisper);

        var result = await h.Gateway.TranscribeAsync(new TranscriptionRequest
        {
            TaskType = task,
            Audio = WavWriter.Tone(2.2),
            FileName = "meeting_notes_q3.wav",
            IdempotencyKey = "stt-" + Guid.NewGuid(),
        }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(whisper.Id, result.EndpointId);
        Assert.Equal("meeting notes q3. The audio lasts 2.2 seconds.", result.Text);
        Assert.Equal(2.2, result.DurationSeconds!.Value, 3);
        Assert.Equal(2.2, result.Segments.Sum(s => s.End - s.Start), 3);
        Assert.Equal("http-500", Assert.Single(result.Tried).Outcome);
    }

    [Fact]
    public async Task An_azure_openai_endpoint_is_called_by_deployment_with_an_api_key_header_for_chat_and_embeddings()
    {
        const string keyVariable = "AIFLOW_ENDPOINT_KEY_TEST_AZURE";
        Environment.SetEnvironmentVariable(keyVariable, "azure-test-key-not-a-secret");
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var deployment = "gpt-4o-mini-" + Guid.NewGuid().ToString("N")[..6];
        var chat = await h.AddEndpointAsync("azure", deployment, e => { e.Provider = EndpointProvider.AzureOpenAi; e.ApiKeyEnvVar = keyVariable; });
        var embedDeployment = "embed-" + deployment;
        var embed = await h.AddEndpointAsync("azure-embed", embedDeployment, e =>
        {
            e.Provider = EndpointProvider.AzureOpenAi; e.ApiKeyEnvVar = keyVariable; e.Kind = EndpointKind.Embedding;
        });

        var structured = await h.Gateway.CallStructuredAsync(Invoice(await h.AddRouteAsync(chat)), CancellationToken.None);
        var vectors = await h.Gateway.EmbedAsync(new EmbeddingRequest
        {
            TaskType = await h.AddRouteAsync(embed), Inputs = ["alpha", "beta"], IdempotencyKey = "emb-" + Guid.NewGuid(),
        }, CancellationToken.None);

        Assert.True(structured.Succeeded, structured.Error);
        Assert.Equal(chat.Id, structured.EndpointId);
        using (var answer = System.Text.Json.JsonDocument.Parse(structured.Content!))
        {
            Assert.Equal("EUR", answer.RootElement.GetProperty("currency").GetString());
        }
        Assert.True(vectors.Succeeded, vectors.Error);
        Assert.All(vectors.Vectors, v => Assert.Equal(384, v.Length));
        // Only Azure's URL layout with its api-key header counts here, so the OpenAI path cannot pass for it.
        Assert.Equal(1, h.Simulator.Stats.CallsForDeployment(deployment));
        Assert.Equal(1, h.Simulator.Stats.CallsForDeployment(embedDeployment));
    }

    [Fact]
    public async Task A_reasoning_model_call_is_accepted_without_temperature()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var reasoning = await h.AddEndpointAsync("reasoning", "o3-mini");
        var task = await h.AddRouteAsync(reasoning);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task) with { Temperature = 0.7, MaxTokens = 300 }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task An_unrouted_task_type_fails_with_a_clear_error_and_no_attempts()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);

        var result = await h.Gateway.CallStructuredAsync(Invoice("no-such-task-" + Guid.NewGuid().ToString("N")[..6]), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Tried);
        Assert.Contains("No enabled endpoint", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_on_loopback_that_is_not_allow_listed_is_refused_by_the_guard()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database, allowSimulator: false);
        var local = await h.AddEndpointAsync("local");
        var task = await h.AddRouteAsync(local);

        var result = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(AttemptStatus.SsrfRefused, Assert.Single(result.Tried).Outcome);
        Assert.Equal(0, h.Simulator.Stats.TotalRequests);
    }
}
