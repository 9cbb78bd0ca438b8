using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Seeding;

/// <summary>
/// Seed 002's media dossier (issue 15): <c>media-dossier</c> sends the input's frames to a vision step and its audio to
/// a transcription step, and a structured LLM step fuses both IRs into a dossier (fusion is no kind of its own, ADR
/// 0034). Simulator endpoints for vision and Whisper with their routes, and demo media made in code. Idempotent on the
/// pipeline key; answers the input of a first run for the caller to start, or null when nothing was seeded.
/// </summary>
public sealed class DemoMediaSeeder(AiFlowDbContext db, IMediaStorage storage, TimeProvider clock)
{
    public const string PipelineKey = "media-dossier";
    public const string VisionEndpointName = "Simulator (vision)";
    public const string WhisperEndpointName = "Simulator (whisper)";

    public const string InputSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["frameIds","audioId"],
     "properties":{
       "frameIds":{"type":"array","minItems":1,"maxItems":8,"items":{"type":"string","format":"uuid"},"description":"Media ids of images (or a video, for its sampled frames)."},
       "audioId":{"type":"string","format":"uuid","description":"Media id of an audio file (or a video, for its audio track)."}}}
    """;

    private const string VisionSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["description","images"],
     "properties":{"description":{"type":"string","minLength":1},
       "images":{"type":"array","items":{"type":"object","required":["width","height","meanColor"],
         "properties":{"width":{"type":"integer","minimum":1},"height":{"type":"integer","minimum":1},"meanColor":{"type":"string","pattern":"^#[0-9a-f]{6}$"}}}}}}
    """;

    public const string TranscriptSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["mediaId","text","segments"],
     "properties":{"mediaId":{"type":"string","format":"uuid"},"text":{"type":"string"},"language":{"type":["string","null"]},
       "durationSeconds":{"type":["number","null"],"minimum":0},
       "segments":{"type":"array","items":{"type":"object","required":["start","end","text"],
         "properties":{"start":{"type":"number","minimum":0},"end":{"type":"number","minimum":0},"text":{"type":"string"}}}}}}
    """;

    private const string DossierSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["title","visual","audio","summary"],
     "properties":{"title":{"type":"string","minLength":1},"visual":{"type":"string","minLength":1},"audio":{"type":"string","minLength":1},
       "summary":{"type":"string","minLength":1},"confidence":{"type":"number","minimum":0,"maximum":1}}}
    """;

    public async Task<string?> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.PipelineDefinitions.AnyAsync(p => p.Key == PipelineKey, cancellationToken)) return null;
        var chatRoute = await db.ModelRoutes.Where(r => r.TaskType == "structured").OrderBy(r => r.Name).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (chatRoute is null) return null;
        var now = clock.GetUtcNow();

        var vision = new InferenceEndpoint
        {
            Name = VisionEndpointName, Kind = EndpointKind.Vision, Provider = EndpointProvider.OpenAiCompatible,
            BaseUrl = "http://127.0.0.1:5080/sim/v1", Model = "sim-vision", IsSimulator = true, MaxConcurrency = 8,
            // The simulator downloads AiFlow media addresses, but only once Media:PublicBaseUrl is set; until then images go inline.
            FetchesMediaUrls = true,
            PricePer1MInputTokens = 0.50m, PricePer1MOutputTokens = 1.50m, Tags = ["simulator", "demo", "gpu"],
        };
        var whisper = new InferenceEndpoint
        {
            Name = WhisperEndpointName, Kind = EndpointKind.Transcription, Provider = EndpointProvider.OpenAiCompatible,
            BaseUrl = "http://127.0.0.1:5080/sim/v1", Model = "sim-whisper", IsSimulator = true, MaxConcurrency = 4,
            PricePerGpuSecond = 0.0005m, Tags = ["simulator", "demo", "gpu"],
        };
        var visionRoute = new ModelRoute { Name = "vision-default", TaskType = "vision", EndpointChain = [vision.Id] };
        var whisperRoute = new ModelRoute { Name = "transcription-default", TaskType = "transcription", EndpointChain = [whisper.Id] };
        db.AddRange(vision, whisper, visionRoute, whisperRoute);

        var describe = AddStep("describe_frames", "Describe frames", StepKind.Vision, visionRoute.Id, VisionSchema,
            "You describe images for a media dossier.",
            "Describe each attached frame for the dossier: its size in pixels and its dominant colour.",
            new JsonObject { ["media"] = "input.frameIds", ["maxImageSide"] = 1024, ["maxImageBytes"] = 1_048_576 }, now);
        var transcribe = AddStep("transcribe_audio", "Transcribe audio", StepKind.Transcription, whisperRoute.Id, TranscriptSchema, null, null,
            new JsonObject { ["media"] = "input.audioId" }, now);
        var fuse = AddStep("fuse_dossier", "Fuse dossier", StepKind.StructuredLlm, chatRoute.Value, DossierSchema,
            "You fuse what a vision model saw and what a transcription heard into one dossier. Use only what you are given.",
            "Visual findings: {{ ir.describe_frames.description }}\n\nTranscript: {{ ir.transcribe_audio.text }}\n\nWrite the dossier: a title, the visual and audio findings, and a summary.",
            new JsonObject(), now);

        var definition = new PipelineDefinition { Key = PipelineKey, Name = "Media dossier", InputSchemaJson = InputSchema };
        var layout = new DagLayout();
        layout.Positions["describe_frames"] = new NodePosition(120, 60);
        layout.Positions["transcribe_audio"] = new NodePosition(380, 60);
        layout.Positions["fuse_dossier"] = new NodePosition(250, 200);
        db.AddRange(definition, new PipelineVersion
        {
            PipelineDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, IsActive = true, CreatedAt = now, CreatedBy = "seed", PublishedAt = now,
            Layout = layout,
            Dag = new PipelineDag
            {
                Nodes =
                [
                    new DagNode { Key = "describe_frames", StepVersionId = describe, DependsOn = [], Retries = 2, TimeoutMs = 60_000 },
                    new DagNode { Key = "transcribe_audio", StepVersionId = transcribe, DependsOn = [], Retries = 2, TimeoutMs = 60_000 },
                    new DagNode { Key = "fuse_dossier", StepVersionId = fuse, DependsOn = ["describe_frames", "transcribe_audio"], Retries = 2, TimeoutMs = 30_000 },
                ],
            },
        });
        await db.SaveChangesAsync(cancellationToken);

        var (frames, audio) = await DemoMedia.AddDemoSetAsync(db, storage, now, cancellationToken);
        return new JsonObject
        {
            ["frameIds"] = new JsonArray([.. frames.Select(f => (JsonNode)f.Id.ToString())]),
            ["audioId"] = audio.Id.ToString(),
        }.ToJsonString();
    }

    private Guid AddStep(string key, string name, StepKind kind, Guid routeId, string schemaJson, string? system, string? template, JsonObject parameters, DateTimeOffset now)
    {
        var definition = new StepDefinition { Key = key, Name = name, Kind = kind };
        var schema = new IrSchema { Name = key + "_ir", StepDefinitionId = definition.Id, Description = $"IR of {name}" };
        var schemaVersion = new IrSchemaVersion { IrSchemaId = schema.Id, Number = 1, SchemaJson = schemaJson, IsActive = true, CreatedAt = now, CreatedBy = "seed" };
        var version = new StepVersion
        {
            StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = now, PublishedAt = now,
            IrSchemaVersionId = schemaVersion.Id, ModelRouteId = routeId, ValidationMode = ValidationMode.Enforce, ReviewSamplingRate = 0.2,
            ParamsJson = parameters.ToJsonString(), LabelSet = ["correct", "partially-correct", "wrong"],
            Guidelines = $"## {name}\nCompare the output with the media shown beside it; correct what the model got wrong.",
        };
        db.AddRange(definition, schema, schemaVersion, version);
        if (template is not null)
        {
            var prompt = new PromptTemplate { Key = key, Name = name + " prompt" };
            var promptVersion = new PromptTemplateVersion { PromptTemplateId = prompt.Id, Number = 1, SystemPrompt = system ?? "", Template = template, CreatedAt = now, Variables = ["input", "ir"] };
            version.PromptTemplateVersionId = promptVersion.Id;
            db.AddRange(prompt, promptVersion);
        }
        return version.Id;
    }
}
