using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Support;

/// <summary>Builds small pipelines directly in a test database.</summary>
public static class TestPipelines
{
    /// <summary>A transform step: its IR is its Liquid template rendered to JSON.</summary>
    public static async Task<Guid> AddTransformStepAsync(AiFlowDbContext db, string key, string paramsJson = "{}")
    {
        var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.Transform };
        var version = new StepVersion
        {
            StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow, ParamsJson = paramsJson,
        };
        db.AddRange(definition, version);
        await db.SaveChangesAsync();
        return version.Id;
    }

    /// <summary>A human-review step: it parks the run on the upstream IR until a reviewer decides.</summary>
    public static async Task<Guid> AddHumanReviewStepAsync(AiFlowDbContext db, string key, string? irSchemaJson = null,
        ValidationMode mode = ValidationMode.Enforce, string[]? labels = null, int reviewersNeeded = 1)
    {
        var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.HumanReview };
        var version = new StepVersion
        {
            StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
            IrSchemaVersionId = irSchemaJson is null ? null : await AddSchemaAsync(db, key + "-ir", irSchemaJson),
            ValidationMode = mode, LabelSet = [.. labels ?? []], ReviewersNeeded = reviewersNeeded, Guidelines = "Check the **text**.",
        };
        db.AddRange(definition, version);
        await db.SaveChangesAsync();
        return version.Id;
    }

    public static async Task<Guid> AddSchemaAsync(AiFlowDbContext db, string name, string schemaJson)
    {
        var schema = new IrSchema { Name = name };
        var version = new IrSchemaVersion { IrSchemaId = schema.Id, Number = 1, SchemaJson = schemaJson, IsActive = true, CreatedAt = DateTimeOffset.UtcNow };
        db.AddRange(schema, version);
        await db.SaveChangesAsync();
        return version.Id;
    }

    public static DagNode HumanReview(string key, Guid stepVersionId, params string[] dependsOn) => new()
    {
        Key = key, StepVersionId = stepVersionId, DependsOn = [.. dependsOn],
    };

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

    /// <summary>A queued run of the pipeline's active version, for a test to execute with the engine; returns its id.</summary>
    public static async Task<Guid> AddQueuedRunAsync(AiFlowDbContext db, string key, string inputJson)
    {
        var version = await db.PipelineVersions.AsNoTracking().FirstAsync(v => v.PipelineDefinition!.Key == key && v.IsActive);
        var run = new PipelineRun
        {
            PipelineDefinitionId = version.PipelineDefinitionId, PipelineVersionId = version.Id, Status = RunStatus.Queued,
            Trigger = RunTrigger.Api, InputJson = inputJson, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.PipelineRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    /// <summary>An OpenAI-compatible endpoint and a one-endpoint route; returns the route id.</summary>
    public static async Task<Guid> AddRouteAsync(AiFlowDbContext db, string baseUrl, string model, int maxConcurrency = 16)
    {
        var endpoint = new AiFlow.Domain.Inference.InferenceEndpoint
        {
            Name = "sim-" + Guid.NewGuid().ToString("N")[..8], Kind = AiFlow.Domain.Inference.EndpointKind.Chat, BaseUrl = baseUrl, Model = model,
            MaxConcurrency = maxConcurrency, IsSimulator = true, PricePer1MInputTokens = 1m, PricePer1MOutputTokens = 2m, TimeoutMs = 30_000,
        };
        var route = new AiFlow.Domain.Inference.ModelRoute { Name = "route-" + endpoint.Name, TaskType = "structured", EndpointChain = [endpoint.Id] };
        db.AddRange(endpoint, route);
        await db.SaveChangesAsync();
        return route.Id;
    }

    /// <summary>A structured LLM step whose IR must match <paramref name="schemaJson"/>.</summary>
    public static async Task<Guid> AddLlmStepAsync(AiFlowDbContext db, string key, Guid routeId, string schemaJson, string template,
        AiFlow.Domain.Schemas.ValidationMode mode = AiFlow.Domain.Schemas.ValidationMode.Log, Guid? metricProfileId = null)
    {
        var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.StructuredLlm };
        var schema = new AiFlow.Domain.Schemas.IrSchema { Name = key + "-ir-" + Guid.NewGuid().ToString("N")[..6] };
        var schemaVersion = new AiFlow.Domain.Schemas.IrSchemaVersion { IrSchemaId = schema.Id, Number = 1, SchemaJson = schemaJson, IsActive = true, CreatedAt = DateTimeOffset.UtcNow };
        var prompt = new AiFlow.Domain.Prompts.PromptTemplate { Key = key + "-p-" + Guid.NewGuid().ToString("N")[..6], Name = key };
        var promptVersion = new AiFlow.Domain.Prompts.PromptTemplateVersion { PromptTemplateId = prompt.Id, Number = 1, Template = template, SystemPrompt = "You answer in JSON.", CreatedAt = DateTimeOffset.UtcNow };
        var version = new StepVersion
        {
            StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
            ModelRouteId = routeId, IrSchemaVersionId = schemaVersion.Id, PromptTemplateVersionId = promptVersion.Id, ValidationMode = mode,
            MetricProfileId = metricProfileId,
        };
        db.AddRange(definition, schema, schemaVersion, prompt, promptVersion, version);
        await db.SaveChangesAsync();
        return version.Id;
    }

    public static DagNode Llm(string key, Guid stepVersionId, params string[] dependsOn) => new()
    {
        Key = key, StepVersionId = stepVersionId, DependsOn = [.. dependsOn], Retries = 1, TimeoutMs = 60_000,
    };
}
