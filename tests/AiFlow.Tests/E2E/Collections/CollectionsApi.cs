using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E.Collections;

/// <summary>Drives <c>/api/collections</c> for tests: a collection embedding through the console's own simulator, uploads, and waiting for jobs.</summary>
public sealed class CollectionsApi(TestDatabase database, Uri consoleAddress, HttpClient client)
{
    public HttpClient Client { get; } = client;

    /// <summary>An embedding endpoint on the console's simulator (384 dimensions) and a route to it; returns the route id.</summary>
    public async Task<Guid> AddSimulatorEmbeddingRouteAsync()
    {
        await using var db = database.CreateContext();
        var endpoint = new InferenceEndpoint
        {
            Name = "sim-embed-" + Guid.NewGuid().ToString("N")[..8], Kind = EndpointKind.Embedding, BaseUrl = new Uri(consoleAddress, "sim/v1").ToString(),
            Model = "sim-embed", MaxConcurrency = 8, IsSimulator = true, PricePer1MInputTokens = 0.02m, TimeoutMs = 30_000,
        };
        var route = new ModelRoute { Name = "route-" + endpoint.Name, TaskType = "embedding", EndpointChain = [endpoint.Id] };
        db.AddRange(endpoint, route);
        await db.SaveChangesAsync();
        return route.Id;
    }

    /// <summary>A new collection with a unique key embedding through <paramref name="routeId"/>; returns its key.</summary>
    public async Task<string> CreateAsync(Guid routeId, int dimensions = 384, int chunkMaxTokens = 64)
    {
        var key = "c-" + Guid.NewGuid().ToString("N")[..10];
        using var response = await Client.PostAsJsonAsync(new Uri("/api/collections", UriKind.Relative),
            new { key, name = "Collection " + key, embeddingRouteId = routeId, dimensions, chunkMaxTokens, chunkOverlapTokens = 8 });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return key;
    }

    public async Task<HttpResponseMessage> UploadAsync(string key, IEnumerable<(string Name, byte[] Bytes)> files, IDictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", name);
        }
        foreach (var (name, value) in fields ?? new Dictionary<string, string>()) form.Add(new StringContent(value), name);
        return await Client.PostAsync(new Uri($"/api/collections/{key}/documents", UriKind.Relative), form);
    }

    /// <summary>Uploads and waits for the job to end; returns the job's final answer (job and log).</summary>
    public async Task<(JsonNode Upload, JsonNode Job)> IngestAsync(string key, params (string Name, string Text)[] files)
    {
        using var response = await UploadAsync(key, files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Text))));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var upload = JsonNode.Parse(text)!;
        return (upload, await WaitForJobAsync(key, upload["jobId"]!.GetValue<Guid>()));
    }

    public async Task<JsonNode> WaitForJobAsync(string key, Guid jobId)
    {
        for (var i = 0; i < 600; i++)
        {
            var detail = await Client.GetFromJsonAsync<JsonNode>(new Uri($"/api/collections/{key}/jobs/{jobId}", UriKind.Relative));
            if (detail!["job"]!["status"]!.GetValue<string>() is "Completed" or "Failed") return detail;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Ingestion job {jobId} did not end within 60 s.");
    }

    public async Task<JsonNode> CollectionAsync(string key) =>
        (await Client.GetFromJsonAsync<JsonNode>(new Uri($"/api/collections/{key}", UriKind.Relative)))!;

    public async Task<JsonArray> DocumentsAsync(string key, string? status = null) =>
        (await Client.GetFromJsonAsync<JsonNode>(new Uri($"/api/collections/{key}/documents{(status is null ? "" : "?status=" + status)}", UriKind.Relative)))!["items"]!.AsArray();

    public static JsonNode Document(JsonArray documents, string fileName) =>
        Assert.Single(documents, d => d!["fileName"]!.GetValue<string>() == fileName)!;

    private static readonly string[] Vocabulary = ("filter seal drain panel cartridge rinse cycle valve hose pump motor belt door hinge gasket shelf drawer " +
        "lamp switch fuse timer sensor display button knob tray rack basket nozzle inlet outlet vent fan coil compressor thermostat bracket " +
        "screw bolt clip spring lever latch handle cover lid frame base foot wheel cable plug socket battery charger adapter remote manual").Split(' ');

    /// <summary>A manual of a few sections whose prose is drawn from a fixed vocabulary by <paramref name="seed"/>: different seeds give unrelated texts.</summary>
    public static string Manual(string topic, int seed, int sections = 6)
    {
        var random = new Random(seed);
        var text = new StringBuilder($"# {topic}\n\n");
        for (var s = 1; s <= sections; s++)
        {
            text.Append($"## Section {s}\n\n");
            for (var sentence = 0; sentence < 8; sentence++)
            {
                text.Append(string.Join(' ', Enumerable.Range(0, 12).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]))).Append(". ");
            }
            text.Append("\n\n");
        }
        return text.ToString();
    }
}
