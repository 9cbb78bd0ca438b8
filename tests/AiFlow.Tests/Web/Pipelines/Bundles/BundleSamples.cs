using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Features.Pipelines.Bundles;

namespace AiFlow.Tests.Web.Pipelines.Bundles;

/// <summary>
/// A small published pipeline with everything a bundle carries: two steps, one with a prompt, an IR schema, a metric
/// profile and a model route, and a condition reading the profile's metric. The same rows go into a database or
/// straight into a bundle.
/// </summary>
internal sealed class BundleSamples
{
    public const string RouteName = "t_route";

    public string PipelineKey { get; } = "portable-" + Guid.NewGuid().ToString("N")[..8];
    public MetricProfile Profile { get; } = new() { Key = "t_quality", Name = "Quality", Targets = [new("field_f1", 0.8)] };
    public PromptTemplate Template { get; } = new() { Key = "t_extract_prompt", Name = "Extract prompt" };
    public IrSchema Schema { get; } = new() { Name = "t_extract_ir" };
    public ModelRoute Route { get; } = new() { Name = RouteName, TaskType = "extract" };
    public StepDefinition Extract { get; } = new() { Key = "t_bundle_extract", Name = "Extract", Kind = StepKind.StructuredLlm };
    public StepDefinition Classify { get; } = new() { Key = "t_bundle_classify", Name = "Classify", Kind = StepKind.StructuredLlm };
    public PipelineDefinition Pipeline { get; }
    public PipelineVersion Version { get; }

    public BundleSamples()
    {
        var now = DateTimeOffset.UtcNow;
        Template.Versions.Add(new PromptTemplateVersion
        {
            PromptTemplateId = Template.Id, Number = 1, SystemPrompt = "You extract fields.", Template = "Ticket: {{ input.text }} — c'est ça", Variables = ["input.text"], CreatedAt = now,
        });
        Schema.Versions.Add(new IrSchemaVersion
        {
            IrSchemaId = Schema.Id, Number = 1, CreatedAt = now,
            SchemaJson = """{"type":"object","properties":{"priority":{"type":"string","enum":["low","high"]}},"required":["priority"]}""",
        });
        Extract.Versions.Add(new StepVersion
        {
            StepDefinitionId = Extract.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = now, PublishedAt = now,
            PromptTemplateVersionId = Template.Versions[0].Id, IrSchemaVersionId = Schema.Versions[0].Id, MetricProfileId = Profile.Id,
            ModelRouteId = Route.Id, ParamsJson = """{"temperature":0.2,"max_tokens":400}""", ValidationMode = ValidationMode.Enforce,
            LabelSet = ["ok", "wrong"], ReviewSamplingRate = 0.1, Importance = CallImportance.High, CostSensitive = true,
        });
        Classify.Versions.Add(new StepVersion { StepDefinitionId = Classify.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = now, PublishedAt = now });
        Pipeline = new PipelineDefinition
        {
            Key = PipelineKey, Name = "Portable", InputSchemaJson = """{"type":"object","properties":{"text":{"type":"string"}}}""",
        };
        Version = new PipelineVersion
        {
            PipelineDefinitionId = Pipeline.Id, Number = 1, Status = VersionStatus.Published, IsActive = true, CreatedAt = now, PublishedAt = now, Notes = "First",
            Dag = new PipelineDag
            {
                Nodes =
                [
                    new DagNode { Key = "extract", StepVersionId = Extract.Versions[0].Id },
                    new DagNode { Key = "classify", StepVersionId = Classify.Versions[0].Id, DependsOn = ["extract"], Retries = 2,
                        Condition = "metrics.extract.field_f1 >= 0.5", Params = new JsonObject { ["mode"] = "strict" } },
                ],
            },
            Layout = new DagLayout { Positions = { ["extract"] = new NodePosition(10, 20) } },
        };
    }

    /// <summary>The rows as a console holds them (the route too, which bundles name but never carry).</summary>
    public void AddTo(AiFlowDbContext db)
    {
        db.AddRange(Profile, Template, Schema, Route, Extract, Classify, Pipeline, Version);
    }

    /// <summary>The bundle the source console exports, built without a database.</summary>
    public PipelineBundle Bundle()
    {
        var prompt = BundleProjection.Prompt(Template, Template.Versions[0]);
        var schema = BundleProjection.IrSchema(Schema, Schema.Versions[0]);
        var profile = BundleProjection.Profile(Profile);
        var extract = BundleProjection.Step(Extract, Extract.Versions[0], new BundleRef(prompt.Key, 1), new BundleRef(schema.Key, 1), profile.Key, RouteName);
        var classify = BundleProjection.Step(Classify, Classify.Versions[0], null, null, null, null);
        var steps = new Dictionary<Guid, BundleRef> { [Extract.Versions[0].Id] = new(Extract.Key, 1), [Classify.Versions[0].Id] = new(Classify.Key, 1) };
        return new PipelineBundle(PipelineBundle.CurrentFormat, BundleProjection.Pipeline(Pipeline),
            BundleProjection.Version(Version, id => steps[id], id => id == Profile.Id ? Profile.Key : null),
            [classify, extract], [prompt], [schema], [profile]);
    }
}
