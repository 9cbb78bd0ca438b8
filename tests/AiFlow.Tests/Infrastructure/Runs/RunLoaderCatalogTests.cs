using System.Text.Json.Nodes;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Runs;

/// <summary>The loader keeps published catalogues and rereads drafts, which test runs may pin while they are edited.</summary>
public class RunLoaderCatalogTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData(VersionStatus.Draft, "edited")]
    [InlineData(VersionStatus.Published, "first")]
    public async Task A_second_run_sees_an_edited_draft_but_the_catalogue_it_loaded_for_a_published_version(VersionStatus status, string expected)
    {
        var key = "loader-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = fixture.Database.CreateContext();
        var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
        await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Transform("only", step, """{"v":"first"}"""));
        var version = await db.PipelineVersions.FirstAsync(v => v.PipelineDefinition!.Key == key);
        version.Status = status;
        await db.SaveChangesAsync();
        var loader = new RunLoader();

        var first = await loader.LoadAsync(db, await TestPipelines.AddQueuedRunAsync(db, key, "{}"), CancellationToken.None);
        // Only a draft is ever edited in place; a published one is edited here too, to show the loader does not reread it.
        var dag = version.Dag;
        dag.Nodes[0].Params = new JsonObject { ["template"] = """{"v":"edited"}""" };
        version.Dag = new() { Nodes = dag.Nodes };
        await db.SaveChangesAsync();
        var second = await loader.LoadAsync(db, await TestPipelines.AddQueuedRunAsync(db, key, "{}"), CancellationToken.None);

        Assert.Equal("""{"v":"first"}""", first!.Plan.Dag.Nodes[0].Params!["template"]!.GetValue<string>());
        Assert.Equal($$"""{"v":"{{expected}}"}""", second!.Plan.Dag.Nodes[0].Params!["template"]!.GetValue<string>());
    }
}
