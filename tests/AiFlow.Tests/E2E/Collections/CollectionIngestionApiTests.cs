using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Retrieval;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Tests.E2E.Collections;

/// <summary>Collections and ingestion through the API, on the console's Quartz cluster, embedding with its own simulator.</summary>
[Collection(ConsoleCollection.Name)]
public class CollectionIngestionApiTests(ConsoleFixture console)
{
    private CollectionsApi Api()
    {
        var client = console.ApiClient(ConsoleApp.DemoApiKey);
        client.Timeout = TimeSpan.FromSeconds(60);
        return new CollectionsApi(console.Database, console.App.BaseAddress, client);
    }

    [Fact]
    public async Task A_new_collection_gets_its_own_hnsw_index_at_its_dimension_and_a_taken_key_is_a_conflict()
    {
        var api = Api();
        var key = "manuals-" + Guid.NewGuid().ToString("N")[..6];

        using var created = await api.Client.PostAsJsonAsync(new Uri("/api/collections", UriKind.Relative), new { key, name = "Manuals", dimensions = 256 });
        using var again = await api.Client.PostAsJsonAsync(new Uri("/api/collections", UriKind.Relative), new { key, name = "Manuals again" });
        using var badKey = await api.Client.PostAsJsonAsync(new Uri("/api/collections", UriKind.Relative), new { key = "Bad Key!", name = "x" });
        using var badLanguage = await api.Client.PostAsJsonAsync(new Uri("/api/collections", UriKind.Relative), new { key = key + "-x", name = "x", textSearchLanguage = "klingon" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var collection = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(256, collection["settings"]!["dimensions"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("/key", (await again.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Equal("/key", (await badKey.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
        Assert.Equal("/textSearchLanguage", (await badLanguage.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());
        var id = collection["id"]!.GetValue<Guid>();
        await using var connection = new NpgsqlConnection(console.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE indexname = @name", connection);
        command.Parameters.AddWithValue("name", CollectionVectorIndex.Name(id));
        var definition = (string?)await command.ExecuteScalarAsync();
        Assert.NotNull(definition);
        Assert.Contains("hnsw", definition, StringComparison.Ordinal);
        Assert.Contains("vector(256)", definition, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), definition, StringComparison.Ordinal);
        var list = (await api.Client.GetFromJsonAsync<JsonArray>(new Uri("/api/collections", UriKind.Relative)))!;
        Assert.Contains(list, c => c!["key"]!.GetValue<string>() == key);
    }

    [Fact]
    public async Task An_admin_changes_a_collections_settings_with_the_version_read_and_a_stale_version_or_a_dimension_change_after_ingestion_is_refused()
    {
        var api = Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());
        var version = (await api.CollectionAsync(key))["version"]!.GetValue<uint>();

        using var changed = await api.Client.PutAsJsonAsync(new Uri($"/api/collections/{key}", UriKind.Relative), new { version, name = "Renamed", chunkMaxTokens = 128 });
        using var stale = await api.Client.PutAsJsonAsync(new Uri($"/api/collections/{key}", UriKind.Relative), new { version, name = "Lost update" });
        using var unversioned = await api.Client.PutAsJsonAsync(new Uri($"/api/collections/{key}", UriKind.Relative), new { name = "No version" });

        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var after = (await changed.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("Renamed", after["name"]!.GetValue<string>());
        Assert.Equal(128, after["settings"]!["chunkMaxTokens"]!.GetValue<int>());
        Assert.Equal(384, after["settings"]!["dimensions"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unversioned.StatusCode);
        Assert.Equal("/version", (await unversioned.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());
        Assert.Equal("Renamed", (await api.CollectionAsync(key))["name"]!.GetValue<string>());

        await api.IngestAsync(key, ("guide.md", "# Guide\n\nSome text to embed so the collection has chunks."));
        var current = (await api.CollectionAsync(key))["version"]!.GetValue<uint>();
        using var dimension = await api.Client.PutAsJsonAsync(new Uri($"/api/collections/{key}", UriKind.Relative), new { version = current, dimensions = 256 });
        Assert.Equal(HttpStatusCode.BadRequest, dimension.StatusCode);
        Assert.Equal("/dimensions", (await dimension.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());
        Assert.Equal(384, (await api.CollectionAsync(key))["settings"]!["dimensions"]!.GetValue<int>());
    }

    [Fact]
    public async Task Uploaded_files_are_chunked_embedded_normalised_and_counted_and_an_exact_duplicate_is_skipped()
    {
        var api = Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());
        var fridge = CollectionsApi.Manual("Fridge", 1);

        using var response = await api.UploadAsync(key, [("fridge.md", Encoding.UTF8.GetBytes(fridge)), ("washer.md", Encoding.UTF8.GetBytes(CollectionsApi.Manual("Washer", 2))),
            ("fridge-copy.md", Encoding.UTF8.GetBytes(fridge))], new Dictionary<string, string> { ["licence"] = "CC-BY-4.0", ["allowedUses"] = "rag, evaluation", ["tags"] = "kitchen" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var upload = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var job = await api.WaitForJobAsync(key, upload["jobId"]!.GetValue<Guid>());
        using var again = await api.UploadAsync(key, [("fridge-again.md", Encoding.UTF8.GetBytes(fridge))]);

        Assert.Equal(2, upload["stored"]!.AsArray().Count);
        var skipped = Assert.Single(upload["skipped"]!.AsArray())!;
        Assert.Equal("fridge-copy.md", skipped["fileName"]!.GetValue<string>());
        Assert.Equal("Completed", job["job"]!["status"]!.GetValue<string>());
        Assert.Equal(2, job["job"]!["filesDone"]!.GetValue<int>());
        Assert.Equal(0, job["job"]!["errors"]!.GetValue<int>());
        var chunks = job["job"]!["chunks"]!.GetValue<int>();
        Assert.True(chunks > 2, $"only {chunks} chunks");
        Assert.Equal(chunks, job["job"]!["embeddings"]!.GetValue<int>());
        Assert.Contains(job["log"]!.AsArray(), l => l!["message"]!.GetValue<string>().StartsWith("Embedded", StringComparison.Ordinal));
        var collection = await api.CollectionAsync(key);
        Assert.Equal(2, collection["counts"]!["ingested"]!.GetValue<int>());
        Assert.Equal(chunks, collection["counts"]!["chunks"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null((await again.Content.ReadFromJsonAsync<JsonNode>())!["jobId"]);
        var document = CollectionsApi.Document(await api.DocumentsAsync(key), "fridge.md");
        Assert.Equal("Ingested", document["status"]!.GetValue<string>());
        Assert.Equal("CC-BY-4.0", document["licence"]!.GetValue<string>());
        Assert.Equal(["rag", "evaluation"], document["allowedUses"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal("text/markdown", document["mimeType"]!.GetValue<string>());

        await using var db = console.Database.CreateContext();
        var collectionId = collection["id"]!.GetValue<Guid>();
        var stored = await db.DocumentChunks.AsNoTracking().Where(c => c.CollectionId == collectionId).ToListAsync();
        Assert.Equal(chunks, stored.Count);
        Assert.All(stored, c =>
        {
            Assert.Equal(384, c.Embedding!.Length);
            Assert.InRange(Math.Sqrt(c.Embedding.Sum(x => (double)x * x)), 0.999, 1.001);
        });
        var searchable = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM document_chunks WHERE collection_id = {collectionId} AND search_vector @@ to_tsquery('english', 'cartridge | filter | valve')").SingleAsync();
        Assert.True(searchable > 0);
        var booked = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM ai_request_logs WHERE idempotency_key LIKE 'ingest-%'").SingleAsync();
        Assert.True(booked >= 2, "the embedding calls were not booked");
    }

    [Fact]
    public async Task A_changed_re_upload_makes_version_2_and_retires_version_1_with_its_chunks()
    {
        var api = Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());
        await api.IngestAsync(key, ("guide.md", CollectionsApi.Manual("Guide", 3)));
        var first = CollectionsApi.Document(await api.DocumentsAsync(key), "guide.md");

        var (upload, job) = await api.IngestAsync(key, ("guide.md", CollectionsApi.Manual("Guide", 3) + "\n\n## Addendum\n\nA new section on the heater."));

        var stored = Assert.Single(upload["stored"]!.AsArray())!;
        Assert.Equal(2, stored["version"]!.GetValue<int>());
        Assert.Equal(first["id"]!.GetValue<Guid>(), stored["supersedesId"]!.GetValue<Guid>());
        Assert.Equal("Completed", job["job"]!["status"]!.GetValue<string>());
        var current = CollectionsApi.Document(await api.DocumentsAsync(key), "guide.md");
        Assert.Equal(2, current["version"]!.GetValue<int>());
        Assert.Equal("Ingested", current["status"]!.GetValue<string>());
        var retired = CollectionsApi.Document(await api.DocumentsAsync(key, "Retired"), "guide.md");
        Assert.Equal(1, retired["version"]!.GetValue<int>());
        Assert.Equal(0, retired["chunks"]!.GetValue<int>());
        await using var db = console.Database.CreateContext();
        var firstId = first["id"]!.GetValue<Guid>();
        Assert.Equal(0, await db.DocumentChunks.CountAsync(c => c.DocumentId == firstId));
        var collection = await api.CollectionAsync(key);
        Assert.Equal(1, collection["counts"]!["ingested"]!.GetValue<int>());
        Assert.Equal(current["chunks"]!.GetValue<int>(), collection["counts"]!["chunks"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_near_duplicate_is_quarantined_and_is_ingested_once_an_admin_releases_it()
    {
        var api = Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());
        var original = CollectionsApi.Manual("Dishwasher", 7, sections: 10);
        await api.IngestAsync(key, ("dishwasher.md", original));

        var (_, job) = await api.IngestAsync(key, ("dishwasher-reprint.md", original.Replace("# Dishwasher", "# Dishwasher (reprint)", StringComparison.Ordinal)));
        var quarantined = CollectionsApi.Document(await api.DocumentsAsync(key, "Quarantined"), "dishwasher-reprint.md");
        using var release = await api.Client.PostAsync(new Uri($"/api/collections/{key}/documents/{quarantined["id"]}/release", UriKind.Relative), null);
        var releaseJob = (await release.Content.ReadFromJsonAsync<JsonNode>())!;
        var released = await api.WaitForJobAsync(key, releaseJob["id"]!.GetValue<Guid>());

        Assert.Equal(1, job["job"]!["errors"]!.GetValue<int>());
        Assert.Equal("dishwasher.md", quarantined["nearDuplicateOf"]!.GetValue<string>());
        Assert.Contains("Near-duplicate", quarantined["statusReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, release.StatusCode);
        Assert.Equal("Completed", released["job"]!["status"]!.GetValue<string>());
        Assert.Contains(released["log"]!.AsArray(), l => l!["message"]!.GetValue<string>().Contains("near-duplicate check is skipped", StringComparison.Ordinal));
        var document = CollectionsApi.Document(await api.DocumentsAsync(key), "dishwasher-reprint.md");
        Assert.Equal("Ingested", document["status"]!.GetValue<string>());
        Assert.True(document["chunks"]!.GetValue<int>() > 0);
        using var releasedTwice = await api.Client.PostAsync(new Uri($"/api/collections/{key}/documents/{quarantined["id"]}/release", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, releasedTwice.StatusCode);
    }

    [Fact]
    public async Task Files_that_fail_extraction_are_quarantined_with_the_reason_and_the_next_file_is_still_ingested()
    {
        var api = Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());

        var (_, job) = await api.IngestAsync(key, ("truncated.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >>"), ("empty.txt", ""), ("notes.md", CollectionsApi.Manual("Notes", 11)));
        var quarantine = await api.DocumentsAsync(key, "Quarantined");
        using var deleted = await api.Client.DeleteAsync(new Uri($"/api/collections/{key}/documents/{CollectionsApi.Document(quarantine, "empty.txt")["id"]}", UriKind.Relative));

        Assert.Equal("Completed", job["job"]!["status"]!.GetValue<string>());
        Assert.Equal(3, job["job"]!["filesDone"]!.GetValue<int>());
        Assert.Equal(2, job["job"]!["errors"]!.GetValue<int>());
        Assert.Contains("truncated", CollectionsApi.Document(quarantine, "truncated.pdf")["statusReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("empty", CollectionsApi.Document(quarantine, "empty.txt")["statusReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Ingested", CollectionsApi.Document(await api.DocumentsAsync(key), "notes.md")["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Single(await api.DocumentsAsync(key, "Quarantined"));
    }

    [Fact]
    public async Task Vectors_that_are_not_the_collections_dimension_fail_the_document_with_the_reason()
    {
        var api = Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync(), dimensions: 256);

        var (_, job) = await api.IngestAsync(key, ("oven.md", CollectionsApi.Manual("Oven", 5)));

        Assert.Equal(1, job["job"]!["errors"]!.GetValue<int>());
        var failed = CollectionsApi.Document(await api.DocumentsAsync(key, "Failed"), "oven.md");
        Assert.Contains("384 dimensions", failed["statusReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("256", failed["statusReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await api.CollectionAsync(key))["counts"]!["chunks"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_upload_without_files_names_the_field_and_a_json_body_is_refused_as_the_wrong_media_type()
    {
        var api = Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());

        using var empty = await api.UploadAsync(key, [], new Dictionary<string, string> { ["licence"] = "CC0" });
        using var json = await api.Client.PostAsync(new Uri($"/api/collections/{key}/documents", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        using var stray = await api.UploadAsync(key, [("a.md", "# A"u8.ToArray())], new Dictionary<string, string> { ["licnce"] = "typo" });
        using var missing = await api.UploadAsync("no-such-collection", [("a.md", "# A"u8.ToArray())]);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("files", (await empty.Content.ReadFromJsonAsync<JsonNode>())!["parameter"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stray.StatusCode);
        Assert.Equal("licnce", (await stray.Content.ReadFromJsonAsync<JsonNode>())!["parameter"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(0, (await api.CollectionAsync(key))["counts"]!["documents"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ops_reads_collections_but_may_not_create_upload_or_delete_and_a_reviewer_may_not_read_them()
    {
        var api = Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());
        using var ops = await console.ApiClientWithRoleAsync("Ops");
        using var reviewer = await console.ApiClientWithRoleAsync("Reviewer");

        using var read = await ops.GetAsync(new Uri($"/api/collections/{key}", UriKind.Relative));
        using var create = await ops.PostAsJsonAsync(new Uri("/api/collections", UriKind.Relative), new { key = key + "-ops", name = "x" });
        using var form = new MultipartFormDataContent { { new ByteArrayContent("# A"u8.ToArray()), "files", "a.md" } };
        using var upload = await ops.PostAsync(new Uri($"/api/collections/{key}/documents", UriKind.Relative), form);
        using var reviewerRead = await reviewer.GetAsync(new Uri("/api/collections", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewerRead.StatusCode);
    }
}
