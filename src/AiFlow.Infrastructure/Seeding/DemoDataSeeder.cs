using AiFlow.Domain.Inference;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Inference.BuiltIn;
using AiFlow.Infrastructure.Judges;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Seeding;

/// <summary>Idempotent demo seed: runs on every demo start-up and adds only what is missing.</summary>
public sealed class DemoDataSeeder(AiFlowDbContext db, TimeProvider clock)
{
    public const string SimulatorEndpointName = "Simulator (chat)";
    public const string SimulatorEmbeddingName = "Simulator (embeddings)";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        // Before the early return: a demo database seeded before the built-in endpoint existed gets it too.
        await EnsureBuiltInEmbeddingAsync(cancellationToken);
        if (await db.PipelineDefinitions.AnyAsync(p => p.Key == "ticket-triage", cancellationToken)) return;
        var now = clock.GetUtcNow();

        foreach (var (key, name, unit, higher, function, parameters) in DemoCatalog.Metrics)
        {
            db.MetricDefinitions.Add(new MetricDefinition
            {
                Key = key, Name = name, Unit = unit, Function = function, ParametersJson = parameters,
                Direction = higher ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter,
            });
        }
        var splitProfile = new MetricProfile
        {
            Key = "split_profile_v1", Name = "Layout split v1",
            Targets = [new("latency_ms", 5000), new("schema_valid", 1), new("split_coverage", 0.9), new("overlap_ratio", 0.05)],
        };
        var moduleProfile = new MetricProfile
        {
            Key = "module_profile_v1", Name = "Module v1",
            Targets = [new("latency_ms", 8000), new("tokens_in", null), new("tokens_out", null), new("cost_usd", 0.05), new("schema_valid", 1)],
        };
        // classify's profile adds the demo judge, so its runs and evaluations are scored by it (and reviewers' labels measure it).
        var classifyProfile = new MetricProfile
        {
            Key = DemoJudge.ProfileKey, Name = "Classify v1",
            Targets = [.. moduleProfile.Targets, new(DemoJudge.MetricKey, 0.8)],
        };
        db.MetricProfiles.AddRange(splitProfile, moduleProfile, classifyProfile);

        var chat = new InferenceEndpoint
        {
            Name = SimulatorEndpointName, Kind = EndpointKind.Chat, Provider = EndpointProvider.OpenAiCompatible,
            BaseUrl = "http://127.0.0.1:5080/sim/v1", Model = "sim-chat", IsSimulator = true, MaxConcurrency = 16,
            PricePer1MInputTokens = 0.15m, PricePer1MOutputTokens = 0.60m, Tags = ["simulator", "demo"],
        };
        var embed = new InferenceEndpoint
        {
            Name = SimulatorEmbeddingName, Kind = EndpointKind.Embedding, Provider = EndpointProvider.OpenAiCompatible,
            BaseUrl = "http://127.0.0.1:5080/sim/v1", Model = "sim-embed-384", IsSimulator = true, MaxConcurrency = 16,
            PricePer1MInputTokens = 0.02m, Tags = ["simulator", "demo"],
        };
        db.InferenceEndpoints.AddRange(chat, embed);
        var route = new ModelRoute { Name = "structured-default", TaskType = "structured", EndpointChain = [chat.Id] };
        db.ModelRoutes.Add(route);
        db.ModelRoutes.Add(new ModelRoute { Name = "judge-default", TaskType = JudgeScorer.TaskType, EndpointChain = [chat.Id] });
        AddJudge(now);

        var stepVersions = new Dictionary<string, StepVersion>();
        foreach (var step in DemoCatalog.Steps)
        {
            var definition = new StepDefinition { Key = step.Key, Name = step.Name, Kind = Enum.Parse<StepKind>(step.Kind) };
            var schema = new IrSchema { Name = step.Key + "_ir", StepDefinitionId = definition.Id, Description = $"IR of {step.Name}" };
            var schemaVersion = new IrSchemaVersion { IrSchemaId = schema.Id, Number = 1, SchemaJson = step.SchemaJson, IsActive = true, CreatedAt = now, CreatedBy = "seed" };
            var template = new PromptTemplate { Key = step.Key, Name = step.Name + " prompt" };
            var templateVersion = new PromptTemplateVersion
            {
                PromptTemplateId = template.Id, Number = 1, SystemPrompt = step.System, Template = step.Template, CreatedAt = now,
                Variables = ["input", "ir"],
            };
            var version = new StepVersion
            {
                StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = now, PublishedAt = now,
                IrSchemaVersionId = schemaVersion.Id, PromptTemplateVersionId = templateVersion.Id, ModelRouteId = route.Id,
                MetricProfileId = step.Profile == splitProfile.Key ? splitProfile.Id : step.Profile == classifyProfile.Key ? classifyProfile.Id : moduleProfile.Id,
                ValidationMode = ValidationMode.Log, ReviewSamplingRate = 0.1, ParamsJson = step.ParamsJson, LabelSet = ["correct", "partially-correct", "wrong"],
                Guidelines = $"## {step.Name}\nApprove when the output matches the input faithfully; correct fields that are wrong.",
            };
            db.AddRange(definition, schema, schemaVersion, template, templateVersion, version);
            stepVersions[step.Key] = version;
        }

        AddPipeline("ticket-triage", "Ticket triage", DemoCatalog.TicketInputSchema, now,
            Node("extract_fields", stepVersions, []),
            Node("classify", stepVersions, ["extract_fields"]),
            Node("draft_reply", stepVersions, ["extract_fields", "classify"]));
        AddPipeline("layout-to-module", "Layout to module", DemoCatalog.LayoutInputSchema, now,
            Node("layout_split", stepVersions, []),
            Node("module_generate", stepVersions, ["layout_split"]),
            Node("validate_artifact", stepVersions, ["module_generate"]));

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The console's own MiniLM (a real model, not the simulator) and the "embedding" route to it, so a collection with no
    /// route of its own embeds for real on a fresh machine. Added only when missing; an Admin's edits are kept.
    /// </summary>
    private async Task EnsureBuiltInEmbeddingAsync(CancellationToken cancellationToken)
    {
        var endpoint = await db.InferenceEndpoints.FirstOrDefaultAsync(e => e.Name == BuiltInEmbeddingModel.EndpointName, cancellationToken);
        if (endpoint is null)
        {
            endpoint = new InferenceEndpoint
            {
                Name = BuiltInEmbeddingModel.EndpointName, Kind = EndpointKind.Embedding, Provider = EndpointProvider.OpenAiCompatible,
                BaseUrl = "http://127.0.0.1:5080" + BuiltInEmbeddingModel.Path, Model = BuiltInEmbeddingModel.Name,
                // The endpoint queues its own work (AiFlow:BuiltInEmbeddings:MaxConcurrency); CPU batches take seconds, not milliseconds.
                MaxConcurrency = 4, TimeoutMs = 120_000, Tags = ["built-in", "cpu", "demo"],
            };
            db.InferenceEndpoints.Add(endpoint);
        }
        if (!await db.ModelRoutes.AnyAsync(r => r.TaskType == EmbeddingTaskType, cancellationToken))
        {
            db.ModelRoutes.Add(new ModelRoute { Name = "embedding-default", TaskType = EmbeddingTaskType, EndpointChain = [endpoint.Id] });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private const string EmbeddingTaskType = "embedding";

    /// <summary>The demo judge (<see cref="DemoJudge"/>), version 1, answered by the route for task type "judge".</summary>
    private void AddJudge(DateTimeOffset now)
    {
        var judge = new JudgeDefinition
        {
            Key = DemoJudge.Key, Name = "Category check", CurrentVersion = 1, CreatedAt = now,
            Description = "Does classify's category match the reviewed one? Checks the category only, so it can disagree with reviewers who also check the priority.",
        };
        db.AddRange(judge, new JudgeVersion
        {
            JudgeDefinitionId = judge.Id, Number = 1, Kind = JudgeKind.Category, PromptTemplate = DemoJudge.Template, Rubric = DemoJudge.Rubric,
            OutputSchemaJson = DemoJudge.OutputSchema, ScoreMin = 0, ScoreMax = 1, Categories = [.. DemoJudge.Categories], CreatedBy = "seed", CreatedAt = now,
        });
    }

    private static DagNode Node(string key, Dictionary<string, StepVersion> versions, List<string> dependsOn) => new()
    {
        Key = key, StepVersionId = versions[key].Id, DependsOn = dependsOn, Retries = 2, TimeoutMs = 30_000,
    };

    private void AddPipeline(string key, string name, string? inputSchema, DateTimeOffset now, params DagNode[] nodes)
    {
        var definition = new PipelineDefinition { Key = key, Name = name, InputSchemaJson = inputSchema };
        var layout = new DagLayout();
        for (var i = 0; i < nodes.Length; i++) layout.Positions[nodes[i].Key] = new NodePosition(240, 60 + (i * 140)); // top to bottom, as the editor's ports run
        var version = new PipelineVersion
        {
            PipelineDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, IsActive = true,
            Dag = new PipelineDag { Nodes = [.. nodes] }, Layout = layout, CreatedAt = now, CreatedBy = "seed", PublishedAt = now,
        };
        db.AddRange(definition, version);
    }
}
