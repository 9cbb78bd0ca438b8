using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Seeding;

/// <summary>
/// Seed 000's first pipeline, Retrieval + Generate, over the PostgreSQL manual: an empty <c>postgres-manual</c>
/// collection (embedded by the built-in MiniLM through the "embedding" route; its page offers to ingest the installed
/// manual), and <c>manuals-qa</c>, which retrieves chunks for a question and answers citing them — its IR schema
/// requires citations and the citation check refuses any the retrieval did not return. Idempotent on the pipeline key.
/// </summary>
public sealed class DemoManualsSeeder(AiFlowDbContext db, TimeProvider clock)
{
    public const string PipelineKey = "manuals-qa";

    private const string AnswerSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["answer","citations"],"additionalProperties":false,
     "properties":{"answer":{"type":"string","minLength":1},"citations":{"type":"array","minItems":1,"items":{"type":"string","minLength":1}}}}
    """;

    private const string InputSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["question"],
     "properties":{"question":{"type":"string","minLength":3,"maxLength":500,"description":"A question about PostgreSQL."}}}
    """;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.PipelineDefinitions.AnyAsync(p => p.Key == PipelineKey, cancellationToken)) return;
        var chatRoute = await db.ModelRoutes.Where(r => r.TaskType == "structured").OrderBy(r => r.Name).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (chatRoute is null) return;
        var now = clock.GetUtcNow();

        var collection = await db.Collections.FirstOrDefaultAsync(c => c.Key == PostgresManual.CollectionKey, cancellationToken);
        if (collection is null)
        {
            collection = new Collection
            {
                Key = PostgresManual.CollectionKey, Name = "PostgreSQL manual", CreatedAt = now, CreatedBy = "seed",
                Description = "Chapters of the PostgreSQL 15 manual as Debian installs it (postgresql-doc-15), under the PostgreSQL Licence.",
            };
            db.Collections.Add(collection);
        }

        var retrieve = new StepDefinition { Key = "retrieve_manual", Name = "Retrieve from the manual", Kind = StepKind.Retrieval };
        var retrieveVersion = new StepVersion
        {
            StepDefinitionId = retrieve.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = now, PublishedAt = now,
            ParamsJson = """{"collection":"postgres-manual","query":"{{ input.question }}","topK":5}""",
        };

        var answer = new StepDefinition { Key = "answer_with_citations", Name = "Answer with citations", Kind = StepKind.StructuredLlm };
        var schema = new IrSchema { Name = "answer_with_citations_ir", StepDefinitionId = answer.Id, Description = "An answer and the ids of the chunks it rests on" };
        var schemaVersion = new IrSchemaVersion { IrSchemaId = schema.Id, Number = 1, SchemaJson = AnswerSchema, IsActive = true, CreatedAt = now, CreatedBy = "seed" };
        var template = new PromptTemplate { Key = "answer_with_citations", Name = "Answer with citations prompt" };
        var templateVersion = new PromptTemplateVersion
        {
            PromptTemplateId = template.Id, Number = 1, CreatedAt = now, Variables = ["input", "context"],
            SystemPrompt = "You answer questions about PostgreSQL from the manual excerpts you are given, and from nothing else. Cite the ids of the excerpts you used.",
            Template = "Question: {{ input.question }}\n\nExcerpts, each as [id] section (page): text:\n{{ context }}\n\nAnswer in one or two sentences and list the ids of the excerpts you used as citations.",
        };
        var answerVersion = new StepVersion
        {
            StepDefinitionId = answer.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = now, PublishedAt = now,
            IrSchemaVersionId = schemaVersion.Id, PromptTemplateVersionId = templateVersion.Id, ModelRouteId = chatRoute,
            // Under enforce an answer citing a chunk that was not retrieved fails the step instead of reaching a reader.
            ValidationMode = ValidationMode.Enforce, ReviewSamplingRate = 0.2, ParamsJson = """{"citations":"/citations"}""",
            LabelSet = ["correct", "partially-correct", "wrong"],
            Guidelines = "## Answer with citations\nApprove when the answer is right and every citation supports it; correct the answer or drop citations that do not.",
        };
        db.AddRange(retrieve, retrieveVersion, answer, schema, schemaVersion, template, templateVersion, answerVersion);

        var definition = new PipelineDefinition { Key = PipelineKey, Name = "Manuals Q&A", InputSchemaJson = InputSchema };
        var layout = new DagLayout();
        layout.Positions["retrieve_manual"] = new NodePosition(240, 60);
        layout.Positions["answer_with_citations"] = new NodePosition(240, 200);
        var version = new PipelineVersion
        {
            PipelineDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, IsActive = true, CreatedAt = now, CreatedBy = "seed", PublishedAt = now,
            Layout = layout,
            Dag = new PipelineDag
            {
                Nodes =
                [
                    new DagNode { Key = "retrieve_manual", StepVersionId = retrieveVersion.Id, DependsOn = [], Retries = 2, TimeoutMs = 60_000 },
                    new DagNode { Key = "answer_with_citations", StepVersionId = answerVersion.Id, DependsOn = ["retrieve_manual"], Retries = 2, TimeoutMs = 30_000 },
                ],
            },
        };
        db.AddRange(definition, version);
        await db.SaveChangesAsync(cancellationToken);
        await CollectionVectorIndex.EnsureAsync(db, collection, cancellationToken);
    }
}
