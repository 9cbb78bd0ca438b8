using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.GroundTruth;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Support;

/// <summary>
/// A three-node pipeline with pipeline-level ground truth for end-to-end evaluations: <c>extract</c> (a transform: v1 copies
/// <c>input.q</c> into <c>label</c>, v2 writes "wrong"), <c>echo</c> (a transform reading extract's IR) and <c>summary</c> (a
/// structured LLM call on the console's simulator, or the one given, behind a route with a concurrency limit of 2, checked
/// by no example).
/// Pipeline v1 (active) uses extract v1, v2 (published) extract v2, v3 is a draft. Each example expects extract and echo;
/// the first two are tagged <c>smoke</c>. A pipeline dataset version is snapshotted when there are cases.
/// </summary>
public static class PipelineEvaluationSetup
{
    public sealed record Setup(string PipelineKey, Guid PipelineDefinition, Guid PipelineV1, Guid PipelineV2);

    public static Task<Setup> AddPipelineWithTruthAsync(ConsoleFixture console, int cases, string? simulatorUrl = null, string model = "sim-chat") =>
        AddPipelineWithTruthAsync(console.Database, console.App.Services.GetRequiredService<DatasetService>(), cases,
            simulatorUrl ?? new Uri(console.App.BaseAddress, "sim/v1").ToString(), model);

    /// <summary>The same on a bare database, snapshotting through <paramref name="datasets"/>, with a simulator of the test's own.</summary>
    public static async Task<Setup> AddPipelineWithTruthAsync(TestDatabase database, DatasetService datasets, int cases, string simulatorUrl, string model = "sim-chat")
    {
        var key = "pe-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = database.CreateContext();
        var route = await TestPipelines.AddRouteAsync(db, simulatorUrl, model, maxConcurrency: 2);
        var summary = await TestPipelines.AddLlmStepAsync(db, key + "-summary", route, """{"type":"object","required":["summary"],"properties":{"summary":{"type":"string"}}}""",
            "Summarise: {{ input.q }}");
        var extractSchema = await TestPipelines.AddSchemaAsync(db, key + "-extract-ir", """{"type":"object","required":["label"],"properties":{"label":{"type":"string"}}}""");
        var extract = new StepDefinition { Key = key + "-extract", Name = "extract", Kind = StepKind.Transform };
        var echo = new StepDefinition { Key = key + "-echo", Name = "echo", Kind = StepKind.Transform };
        StepVersion Version(StepDefinition definition, int number, string template, Guid? schema) => new()
        {
            StepDefinitionId = definition.Id, Number = number, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow, IrSchemaVersionId = schema,
            ParamsJson = new JsonObject { ["template"] = template }.ToJsonString(),
        };
        var extractV1 = Version(extract, 1, """{"label":"{{ input.q }}"}""", extractSchema);
        var extractV2 = Version(extract, 2, """{"label":"wrong"}""", extractSchema);
        var echoV1 = Version(echo, 1, """{"text":"{{ ir.extract.label }}"}""", null);
        db.AddRange(extract, echo, extractV1, extractV2, echoV1);
        await db.SaveChangesAsync();

        PipelineDag Dag(Guid extractVersion) => new()
        {
            Nodes =
            [
                new DagNode { Key = "extract", StepVersionId = extractVersion },
                new DagNode { Key = "echo", StepVersionId = echoV1.Id, DependsOn = ["extract"] },
                new DagNode { Key = "summary", StepVersionId = summary, DependsOn = ["extract"] },
            ],
        };
        var definition = new PipelineDefinition { Key = key, Name = key };
        PipelineVersion Pipeline(int number, Guid extractVersion, VersionStatus status, bool active = false) => new()
        {
            PipelineDefinitionId = definition.Id, Number = number, Status = status, IsActive = active, CreatedAt = DateTimeOffset.UtcNow, Dag = Dag(extractVersion),
        };
        var v1 = Pipeline(1, extractV1.Id, VersionStatus.Published, active: true);
        var v2 = Pipeline(2, extractV2.Id, VersionStatus.Published);
        db.AddRange(definition, v1, v2, Pipeline(3, extractV2.Id, VersionStatus.Draft));
        await db.SaveChangesAsync();
        for (var i = 0; i < cases; i++)
        {
            AddExample(db, definition.Id, $$$"""{"q":"a{{{i}}}"}""", $$$"""{"extract":{"label":"a{{{i}}}"},"echo":{"text":"a{{{i}}}"}}""", i < 2 ? ["smoke"] : []);
        }
        await db.SaveChangesAsync();
        if (cases > 0)
        {
            await datasets.SnapshotAsync(GroundTruthScope.Pipeline, definition.Id, "manual", "tester", null, CancellationToken.None);
        }
        return new Setup(key, definition.Id, v1.Id, v2.Id);
    }

    /// <summary>A pipeline-scope example (a pipeline input and the expected IR of chosen nodes), schema-valid, added to the context unsaved.</summary>
    public static void AddExample(AiFlow.Infrastructure.Persistence.AiFlowDbContext db, Guid pipelineDefinition, string inputJson, string expectedJson, List<string> tags)
    {
        var example = new GroundTruthExample
        {
            Scope = GroundTruthScope.Pipeline, ScopeId = pipelineDefinition, Reference = Guid.NewGuid().ToString("N"), CurrentVersionNumber = 1,
            CreatedAt = DateTimeOffset.UtcNow, Tags = tags,
        };
        example.Versions.Add(new GroundTruthVersion
        {
            GroundTruthExampleId = example.Id, Number = 1, InputJson = inputJson, SchemaValid = true, CreatedAt = DateTimeOffset.UtcNow,
            ExpectedIrJson = expectedJson, Provenance = new GroundTruthProvenance { Source = "import" },
        });
        db.GroundTruthExamples.Add(example);
    }
}
