using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.GroundTruth;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Support;

/// <summary>
/// A transform step with ground truth for evaluations through the console: v1 (used by the active pipeline v1) copies the
/// label right, v2 gets every one wrong, v3 is a draft; pipeline v2 (published, not active) uses step v2.
/// </summary>
public static class EvaluationSetup
{
    public sealed record Setup(string StepKey, Guid StepDefinition, string PipelineKey, Guid StepV1, Guid StepV2);

    public static async Task<Setup> AddStepWithTruthAsync(ConsoleFixture console, int cases)
    {
        var key = "ev-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = console.Database.CreateContext();
        var schema = await TestPipelines.AddSchemaAsync(db, key + "-ir", """{"type":"object","required":["label"],"properties":{"label":{"type":"string"}}}""");
        var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.Transform };
        StepVersion Version(int number, string template, VersionStatus status) => new()
        {
            StepDefinitionId = definition.Id, Number = number, Status = status, CreatedAt = DateTimeOffset.UtcNow, IrSchemaVersionId = schema,
            ParamsJson = new JsonObject { ["template"] = template }.ToJsonString(),
        };
        var v1 = Version(1, """{"label":"{{ input.q }}"}""", VersionStatus.Published);
        var v2 = Version(2, """{"label":"wrong"}""", VersionStatus.Published);
        db.AddRange(definition, v1, v2, Version(3, """{"label":"x"}""", VersionStatus.Draft));
        await db.SaveChangesAsync();
        var pipelineKey = "p-" + key;
        await TestPipelines.AddPipelineAsync(db, pipelineKey, null, new DagNode { Key = "label", StepVersionId = v1.Id });
        var pipeline = db.PipelineDefinitions.Single(p => p.Key == pipelineKey);
        db.PipelineVersions.Add(new PipelineVersion
        {
            PipelineDefinitionId = pipeline.Id, Number = 2, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
            Dag = new PipelineDag { Nodes = [new DagNode { Key = "label", StepVersionId = v2.Id }] },
        });
        await db.SaveChangesAsync();
        if (cases > 0)
        {
            var truth = console.App.Services.GetRequiredService<GroundTruthService>();
            var lines = string.Join('\n', Enumerable.Range(0, cases).Select(i => $$$"""{"input":{"q":"a{{{i}}}"},"expected":{"label":"a{{{i}}}"}}"""));
            var imported = await truth.ImportJsonlAsync(definition.Id, lines, "tester", CancellationToken.None);
            if (!imported.Succeeded) throw new InvalidOperationException(string.Join("; ", imported.Errors));
            await console.App.Services.GetRequiredService<DatasetService>().SnapshotAsync(GroundTruthScope.Step, definition.Id, "manual", "tester", null, CancellationToken.None);
        }
        return new Setup(key, definition.Id, pipelineKey, v1.Id, v2.Id);
    }
}
