using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

/// <summary>A step with ground truth and a dataset version to evaluate, for the evaluation API and page tests.</summary>
public static class EvaluationSeed
{
    /// <summary>A transform step: v1 (used by the active pipeline) copies the label right, v2 gets every one wrong; v3 is a draft.</summary>
    public static async Task<(string Key, Guid Definition)> AddStepWithTruthAsync(ConsoleFixture console, int cases)
    {
        var key = "ev-" + Guid.NewGuid().ToString("N")[..6];
        Guid definitionId;
        await using (var db = console.Database.CreateContext())
        {
            var schema = await TestPipelines.AddSchemaAsync(db, key + "-ir", """{"type":"object","required":["label"],"properties":{"label":{"type":"string"}}}""");
            var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.Transform };
            StepVersion Version(int number, string template, VersionStatus status) => new()
            {
                StepDefinitionId = definition.Id, Number = number, Status = status, CreatedAt = DateTimeOffset.UtcNow, IrSchemaVersionId = schema,
                ParamsJson = new JsonObject { ["template"] = template }.ToJsonString(),
            };
            var v1 = Version(1, """{"label":"{{ input.q }}"}""", VersionStatus.Published);
            db.AddRange(definition, v1, Version(2, """{"label":"wrong"}""", VersionStatus.Published), Version(3, """{"label":"x"}""", VersionStatus.Draft));
            await db.SaveChangesAsync();
            await TestPipelines.AddPipelineAsync(db, "p-" + key, null, new AiFlow.Domain.Pipelines.Dag.DagNode { Key = "label", StepVersionId = v1.Id });
            definitionId = definition.Id;
        }
        if (cases > 0)
        {
            var truth = console.App.Services.GetRequiredService<GroundTruthService>();
            var lines = string.Join('\n', Enumerable.Range(0, cases).Select(i => $$$"""{"input":{"q":"a{{{i}}}"},"expected":{"label":"a{{{i}}}"}}"""));
            Assert.True((await truth.ImportJsonlAsync(definitionId, lines, "tester", CancellationToken.None)).Succeeded);
            await console.App.Services.GetRequiredService<DatasetService>().SnapshotAsync(GroundTruthScope.Step, definitionId, "manual", "tester", null, CancellationToken.None);
        }
        return (key, definitionId);
    }

    public static async Task<JsonNode> WaitForAsync(HttpClient client, Guid id)
    {
        for (var i = 0; i < 300; i++)
        {
            var evaluation = (await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/evaluations/{id}", UriKind.Relative)))!;
            if (evaluation["status"]!.GetValue<string>() is "Completed" or "Failed" or "Cancelled") return evaluation;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Evaluation {id} did not finish within 30 s.");
    }
}
