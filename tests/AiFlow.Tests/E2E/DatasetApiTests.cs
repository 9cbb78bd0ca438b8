using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 3: dataset versions listed, snapshotted by hand (narrowed to a tag), read and compared through the API; examples' tags edited.</summary>
[Collection(ConsoleCollection.Name)]
public class DatasetApiTests(ConsoleFixture console)
{
    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    private static Uri At(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task An_admin_snapshots_a_pipeline_dataset_narrowed_to_a_tag_reads_it_and_compares_it_with_the_whole_one()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 4);
        using var client = ReviewRunSupport.Client(console);

        var listed = (await client.GetFromJsonAsync<JsonNode>(At($"/api/datasets?scope=pipeline:{setup.PipelineKey}")))!;
        Assert.Equal(1, listed["total"]!.GetValue<int>());
        var whole = listed["items"]!.AsArray()[0]!;
        Assert.Equal((1, 4, 2), (whole["version"]!.GetValue<int>(), whole["examples"]!.GetValue<int>(), whole["tags"]!["smoke"]!.GetValue<int>()));

        var created = await client.PostAsync(At("/api/datasets"), Json($$$"""{"scope":{"pipeline":"{{{setup.PipelineKey}}}"},"tag":"smoke","note":"smoke set"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var smoke = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal((2, 2, "smoke", "smoke set"), (smoke["version"]!.GetValue<int>(), smoke["examples"]!.GetValue<int>(), smoke["tag"]!.GetValue<string>(), smoke["note"]!.GetValue<string>()));

        var read = (await client.GetFromJsonAsync<JsonNode>(At($"/api/datasets/{smoke["id"]}?pageSize=1")))!;
        Assert.Equal((2, 1), (read["total"]!.GetValue<int>(), read["items"]!.AsArray().Count));
        Assert.Equal("smoke", read["items"]![0]!["tags"]![0]!.GetValue<string>());
        Assert.NotNull(read["items"]![0]!["expected"]!["extract"]);

        var compared = (await client.GetFromJsonAsync<JsonNode>(At($"/api/datasets/compare?from={whole["id"]}&to={smoke["id"]}")))!;
        Assert.Equal((0, 2, 0, 2), (compared["added"]!.AsArray().Count, compared["removed"]!.AsArray().Count, compared["changed"]!.AsArray().Count, compared["unchanged"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Tags_set_on_an_example_are_normalised_audited_and_narrow_the_next_snapshot()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 3);
        using var client = ReviewRunSupport.Client(console);
        Guid example;
        await using (var db = console.Database.CreateContext())
        {
            example = await db.GroundTruthExamples.Where(e => e.ScopeId == setup.PipelineDefinition && e.Tags.Count == 0).Select(e => e.Id).FirstAsync();
        }

        var set = await client.PutAsync(At($"/api/ground-truth/{example}/tags"), Json("""{"tags":[" regression ","edge-case","regression"]}"""));
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        Assert.Equal(["edge-case", "regression"], (await set.Content.ReadFromJsonAsync<JsonNode>())!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        var snapshot = await client.PostAsync(At("/api/datasets"), Json($$$"""{"scope":{"pipeline":"{{{setup.PipelineKey}}}"},"tag":"regression"}"""));
        Assert.Equal(1, (await snapshot.Content.ReadFromJsonAsync<JsonNode>())!["examples"]!.GetValue<int>());

        await using var check = console.Database.CreateContext();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(GroundTruthExample) && a.EntityId.Contains(example.ToString())));
    }

    [Fact]
    public async Task Bad_dataset_requests_are_4xx_problems_that_say_what_is_missing_and_save_nothing()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 2);
        var empty = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 0);
        var other = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 1);
        using var client = ReviewRunSupport.Client(console);
        var mine = (await client.GetFromJsonAsync<JsonNode>(At($"/api/datasets?scope=pipeline:{setup.PipelineKey}")))!["items"]![0]!["id"]!.GetValue<Guid>();
        var theirs = (await client.GetFromJsonAsync<JsonNode>(At($"/api/datasets?scope=pipeline:{other.PipelineKey}")))!["items"]![0]!["id"]!.GetValue<Guid>();

        foreach (var (body, status, says) in new (string, HttpStatusCode, string)[]
        {
            ($$$"""{"scope":{"pipeline":"{{{setup.PipelineKey}}}"},"tag":"nothing-has-it"}""", HttpStatusCode.BadRequest, "is tagged 'nothing-has-it'"),
            ($$$"""{"scope":{"pipeline":"{{{empty.PipelineKey}}}"}}""", HttpStatusCode.BadRequest, "no usable example"),
            ($$$"""{"scope":{"pipeline":"{{{setup.PipelineKey}}}","step":"x"}}""", HttpStatusCode.BadRequest, "either a step or a pipeline"),
            ("""{"scope":{"pipeline":42}}""", HttpStatusCode.BadRequest, "/scope/pipeline"),
            ("""{}""", HttpStatusCode.BadRequest, "either a step or a pipeline"),
            ("""{"scope":{"step":"no-such-step"}}""", HttpStatusCode.NotFound, "no step 'no-such-step'"),
        })
        {
            var answer = await client.PostAsync(At("/api/datasets"), Json(body));
            Assert.True(answer.StatusCode == status, $"{body} answered {answer.StatusCode}");
            var problem = await answer.Content.ReadAsStringAsync();
            Assert.Contains(says, problem, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"pointer\"", problem, StringComparison.Ordinal);
        }
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonNode>(At($"/api/datasets?scope=pipeline:{setup.PipelineKey}")))!["total"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(At("/api/datasets?scope=everything"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(At("/api/datasets?scope=pipeline:no-such"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(At("/api/datasets?page=0"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(At($"/api/datasets/{Guid.NewGuid()}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(At($"/api/datasets/compare?from=1&to={mine}"))).StatusCode);
        var across = await client.GetAsync(At($"/api/datasets/compare?from={mine}&to={theirs}"));
        Assert.Equal(HttpStatusCode.BadRequest, across.StatusCode);
        Assert.Contains("different scopes", await across.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsync(At($"/api/ground-truth/{Guid.NewGuid()}/tags"), Json("""{"tags":["no spaces allowed"]}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsync(At($"/api/ground-truth/{Guid.NewGuid()}/tags"), Json("""{"tags":"smoke"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsync(At($"/api/ground-truth/{Guid.NewGuid()}/tags"), Json("""{"tags":["smoke"]}"""))).StatusCode);
    }
}
