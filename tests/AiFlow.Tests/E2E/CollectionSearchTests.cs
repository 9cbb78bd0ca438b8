using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary><c>POST /api/collections/{key}/search</c> and the search playground, on the demo console's simulator.</summary>
[Collection(ConsoleCollection.Name)]
public class CollectionSearchTests(ConsoleFixture console)
{
    private static readonly (string, string)[] Fridge =
    [
        ("Fridge > Water filter", "Replace the water filter every six months to keep the water clean."),
        ("Fridge > Ice maker", "The ice maker needs a water connection and makes ice cubes."),
        ("Fridge > Doors", "Close the doors firmly; the alarm sounds after two minutes."),
    ];

    /// <summary>A collection embedded with the demo's simulator embedding endpoint, holding one ingested fridge manual.</summary>
    private async Task<(Collection Collection, Document Document)> AddFridgeCollectionAsync(bool withRerank = false)
    {
        Guid routeId;
        Guid? rerankId = null;
        await using (var db = console.Database.CreateContext())
        {
            var embedder = await db.InferenceEndpoints.Where(e => e.IsSimulator && e.Kind == EndpointKind.Embedding).OrderBy(e => e.Name).FirstAsync();
            if (withRerank)
            {
                // The console's own simulator serves TEI's /rerank beside its embeddings.
                var rerank = new InferenceEndpoint
                {
                    Name = "rerank-" + Guid.NewGuid().ToString("N")[..6], Kind = EndpointKind.Chat, Provider = EndpointProvider.OpenAiCompatible,
                    BaseUrl = embedder.BaseUrl, Model = "sim-rerank", IsSimulator = true, TimeoutMs = 10_000,
                };
                db.InferenceEndpoints.Add(rerank);
                rerankId = rerank.Id;
            }
            var route = new ModelRoute { Name = "search-" + Guid.NewGuid().ToString("N")[..6], TaskType = "search-embed-" + Guid.NewGuid().ToString("N")[..6], EndpointChain = [embedder.Id] };
            db.ModelRoutes.Add(route);
            await db.SaveChangesAsync();
            routeId = route.Id;
        }
        var corpus = new SearchCorpus(() => console.Database.CreateContext(), console.App.Services.GetRequiredService<IInferenceGateway>()) { RouteId = routeId };
        var collection = await corpus.AddCollectionAsync(routeId, c => c.RerankEndpointId = rerankId);
        var document = await corpus.AddDocumentAsync(collection, "fridge-manual.md", Fridge);
        return (collection, document);
    }

    private static Task<HttpResponseMessage> PostSearchAsync(HttpClient client, string key, string json) =>
        client.PostAsync(new Uri($"/api/collections/{key}/search", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Ops)]
    [InlineData(Roles.Reviewer)]
    public async Task A_key_of_each_role_searches_a_collection_and_gets_chunks_with_their_document_and_each_rankers_scores(string role)
    {
        var (collection, document) = await AddFridgeCollectionAsync();
        using var client = await console.ApiClientWithRoleAsync(role);

        using var response = await PostSearchAsync(client, collection.Key, """{"query": "water filter", "topK": 2, "filters": {"licenceUse": "rag"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var hits = body["hits"]!.AsArray();
        Assert.Equal(2, hits.Count);
        var top = hits[0]!;
        Assert.Equal(document.Chunks[0].Id.ToString(), (string?)top["chunkId"]);
        Assert.Equal(document.Id.ToString(), (string?)top["documentId"]);
        Assert.Equal("fridge-manual.md", (string?)top["fileName"]);
        Assert.Equal("Fridge > Water filter", (string?)top["headingPath"]);
        Assert.Equal(1, (int?)top["page"]);
        Assert.Equal(Fridge[0].Item2, (string?)top["text"]);
        Assert.Equal(1, (int?)top["vectorRank"]);
        Assert.Equal(1, (int?)top["textRank"]);
        Assert.True((double)top["vectorScore"]! > 0);
        Assert.True((double)top["textScore"]! > 0);
        Assert.Equal(2.0 / 61, (double)top["fusedScore"]!, 12);
        Assert.Null(top["rerankScore"]);
        Assert.True((int)body["embeddingLatencyMs"]! >= 0);
        Assert.True((int)body["searchLatencyMs"]! >= 0);
    }

    [Fact]
    public async Task Searching_without_a_key_or_a_session_is_refused_with_a_401_problem()
    {
        var (collection, _) = await AddFridgeCollectionAsync();
        using var anonymous = new HttpClient { BaseAddress = console.App.BaseAddress };

        using var response = await PostSearchAsync(anonymous, collection.Key, """{"query": "water filter"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_search_requests_are_400_problems_naming_the_member_and_an_unknown_collection_is_a_404()
    {
        var (collection, _) = await AddFridgeCollectionAsync();
        using var client = console.ApiClient(ConsoleApp.DemoApiKey);
        var hugeQuery = new string('a', 100 * 1024);
        (string Body, string Pointer, string Says)[] cases =
        [
            ($$"""{"query": "{{hugeQuery}}"}""", "/query", "at most 2,000"),
            ("""{"query": "  "}""", "/query", "some text"),
            ("""{"topK": 3}""", "/query", "some text"),
            ("""{"query": "water", "topK": 0}""", "/topK", "from 1 to 100"),
            ("""{"query": "water", "topK": 101}""", "/topK", "from 1 to 100"),
            ("""{"query": "water", "topK": "five"}""", "/topK", "whole number"),
            ("""{"query": "water", "efSearch": 1001}""", "/efSearch", "from 1 to 1,000"),
            ("""{"query": "water", "contextTokens": 0}""", "/contextTokens", "contextTokens"),
            ("""{"query": "water", "filters": {"documentIds": ["not-a-guid"]}}""", "/filters/documentIds/0", "document id"),
            ("""{"query": "water", "filters": {"tags": [""]}}""", "/filters/tags", "tag"),
            ("""{"query": "water", "filters": {"colour": "red"}}""", "/filters/colour", "not a member"),
            ("""{"query": "water", "rerank": true}""", "/rerank", "no rerank endpoint"),
        ];

        foreach (var (body, pointer, says) in cases)
        {
            using var response = await PostSearchAsync(client, collection.Key, body);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            var shown = body.Length > 80 ? body[..80] : body;
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{shown} → {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(pointer, (string?)problem["pointer"]);
            Assert.Contains(says, (string?)problem["title"], StringComparison.OrdinalIgnoreCase);
        }
        using var unknown = await PostSearchAsync(client, "no-such-collection", """{"query": "water"}""");
        var notFound = (await unknown.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no-such-collection", (string?)notFound["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_searches_in_the_playground_and_sees_each_hit_with_its_document_heading_and_scores()
    {
        var (collection, _) = await AddFridgeCollectionAsync();
        var page = await console.SignedInPageAsync("reviewer@aiflow.local", returnUrl: $"/collections/{collection.Key}/search");
        await SignInPage.WaitForInteractiveAsync(page);

        await page.FillAsync("#search-query", "water filter");
        await page.GetByTestId("search-run").ClickAsync();

        var hits = page.GetByTestId("search-hit");
        await Assertions.Expect(hits).ToHaveCountAsync(3);
        var top = hits.First;
        await Assertions.Expect(top.GetByTestId("search-hit-document")).ToHaveTextAsync("fridge-manual.md");
        await Assertions.Expect(top.GetByTestId("search-hit-heading")).ToHaveTextAsync("Fridge > Water filter");
        await Assertions.Expect(top.GetByTestId("search-hit-vector")).ToContainTextAsync("#1 · 0.");
        await Assertions.Expect(top.GetByTestId("search-hit-text")).ToContainTextAsync("#1 · ");
        await Assertions.Expect(top.GetByTestId("search-hit-fused")).ToHaveTextAsync("0.0328");
        await Assertions.Expect(page.GetByTestId("search-latency")).ToContainTextAsync("3 hit(s)");
        // The collection has no rerank endpoint, so the toggle is not offered.
        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Rerank (the collection has no rerank endpoint)" })).ToBeDisabledAsync();

        await page.FillAsync("#search-tags", "nowhere");
        await page.GetByTestId("search-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("search-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_ops_user_turns_on_rerank_in_the_playground_and_sees_each_hits_rerank_score()
    {
        var (collection, _) = await AddFridgeCollectionAsync(withRerank: true);
        var page = await console.SignedInPageAsync("ops@aiflow.local", returnUrl: $"/collections/{collection.Key}/search");
        await SignInPage.WaitForInteractiveAsync(page);

        await page.FillAsync("#search-query", "how often to replace the water filter");
        await page.GetByRole(AriaRole.Switch, new() { Name = "Rerank" }).ClickAsync();
        await page.GetByTestId("search-run").ClickAsync();

        var hits = page.GetByTestId("search-hit");
        await Assertions.Expect(hits).ToHaveCountAsync(3);
        await Assertions.Expect(hits.First.GetByTestId("search-hit-heading")).ToHaveTextAsync("Fridge > Water filter");
        foreach (var hit in await hits.AllAsync())
        {
            await Assertions.Expect(hit.GetByTestId("search-hit-rerank")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\.\d{4}$"));
        }
    }
}
