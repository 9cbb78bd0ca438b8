using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Steps;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 14, item 5: the API offers only step kinds this build can run, and refuses the others with the reason.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class StepKindAuthoringApiTests(ConsoleFixture console)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Uri At(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Creating_a_step_of_a_kind_that_cannot_run_is_a_problem_naming_the_kind_and_the_kinds_that_run()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = "stt-" + Guid.NewGuid().ToString("N")[..8];

        var refused = await admin.PostAsync(At("/api/steps"), Json($$"""{"key":"{{key}}","name":"Evaluate","kind":"Evaluation"}"""));
        var embedding = await admin.PostAsync(At("/api/steps"), Json($$"""{"key":"emb-{{key}}","name":"Embed","kind":"Embedding"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("/kind", problem["pointer"]!.GetValue<string>());
        Assert.StartsWith("Evaluation steps cannot run in this build", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Embedding", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(At($"/api/steps/{key}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, embedding.StatusCode);
    }

    [Fact]
    public async Task A_draft_of_a_kind_that_cannot_run_is_not_published()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = "eval-" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = console.Database.CreateContext())
        {
            // A step stored before its kind lost its executor (or by an older build).
            var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.Evaluation };
            db.AddRange(definition, new StepVersion { StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Draft, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var publish = await admin.PostAsync(At($"/api/steps/{key}/versions/1/publish"), null);

        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        Assert.Contains("Evaluation steps cannot run in this build", await publish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await admin.GetFromJsonAsync<JsonNode>(At($"/api/steps/{key}"));
        Assert.Equal("Draft", stored!["versions"]![0]!["status"]!.GetValue<string>());
    }
}
