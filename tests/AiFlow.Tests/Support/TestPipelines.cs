using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;

namespace AiFlow.Tests.Support;

/// <summary>Builds small pipelines directly in a test database.</summary>
public static class TestPipelines
{
    /// <summary>A transform step: its IR is its Liquid template rendered to JSON.</summary>
    public static async Task<Guid> AddTransformStepAsync(AiFlowDbContext db, string key)
    {
        var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.Transform };
        var version = new StepVersion { StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
        db.AddRange(definition, version);
        await db.SaveChangesAsync();
        return version.Id;
    }

    public static DagNode Transform(string key, Guid stepVersionId, string template, params string[] dependsOn) => new()
    {
        Key = key, StepVersionId = stepVersionId, DependsOn = [.. dependsOn], Params = new JsonObject { ["template"] = template },
    };

    public static async Task AddPipelineAsync(AiFlowDbContext db, string key, string? inputSchema, params DagNode[] nodes)
    {
        var definition = new PipelineDefinition { Key = key, Name = key, InputSchemaJson = inputSchema };
        var version = new PipelineVersion
        {
            PipelineDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, IsActive = true,
            Dag = new PipelineDag { Nodes = [.. nodes] }, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.AddRange(definition, version);
        await db.SaveChangesAsync();
    }
}
