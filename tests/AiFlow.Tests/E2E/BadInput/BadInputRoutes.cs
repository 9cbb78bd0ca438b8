using AiFlow.Web.Features.Access;
using AiFlow.Web.Features.Admin;
using AiFlow.Web.Features.Collections;
using AiFlow.Web.Features.Collections.Search;
using AiFlow.Web.Features.Datasets;
using AiFlow.Web.Features.Endpoints;
using AiFlow.Web.Features.Evaluations;
using AiFlow.Web.Features.IrSchemas;
using AiFlow.Web.Features.Judges;
using AiFlow.Web.Features.Metrics;
using AiFlow.Web.Features.Pipelines;
using AiFlow.Web.Features.Prompts;
using AiFlow.Web.Features.Review;
using AiFlow.Web.Features.Runs;
using AiFlow.Web.Features.Steps;
using AiFlow.Web.Features.Settings;

namespace AiFlow.Tests.E2E.BadInput;

/// <summary>What one <c>/api</c> route reads from a request, for <see cref="BadInputCorpus"/> to spoil.</summary>
/// <param name="Body">The record the body binds to; null when the route reads no body.</param>
/// <param name="BodyOptional">An empty body is a valid request (the route reads a body only when there is one).</param>
/// <param name="RawBody">The body is a document the route parses itself (a pipeline file), not a record.</param>
/// <param name="Query">The query parameters the route reads.</param>
public sealed record RouteInput(Type? Body = null, bool BodyOptional = false, bool RawBody = false, params QueryParameter[] Query)
{
    public bool TakesBody => Body is not null || RawBody;
}

/// <summary>A query parameter, the kind of value it takes, and what else the query needs for it to be read (e.g. a scope).</summary>
public sealed record QueryParameter(string Name, QueryKind Kind, string Prefix = "");

public enum QueryKind { PageFromOne, PageFromZero, PageSize, Date, Guid, Enum, Text, PositiveInt, Bool, Cost }

/// <summary>
/// Every <c>/api</c> route, by the name the authorization table uses, and what it reads. A route missing here fails the
/// corpus test: a new route must say what it takes, and so gets its share of malformed requests.
/// </summary>
public static class BadInputRoutes
{
    private static readonly RouteInput Nothing = new();

    private static RouteInput Body<T>(bool optional = false) => new(typeof(T), optional);

    private static RouteInput Query(params QueryParameter[] parameters) => new(Query: parameters);

    private static readonly QueryParameter[] Paging = [new("page", QueryKind.PageFromOne), new("pageSize", QueryKind.PageSize)];

    public static readonly IReadOnlyDictionary<string, RouteInput> All = new Dictionary<string, RouteInput>(StringComparer.Ordinal)
    {
        ["GET /api/me"] = Nothing,
        ["GET /api/api-keys/"] = Nothing,
        ["GET /api/api-keys/{id:guid}"] = Nothing,
        ["POST /api/api-keys/"] = Body<CreateApiKeyRequest>(),
        ["DELETE /api/api-keys/{id:guid}"] = Nothing,
        ["GET /api/users/"] = Nothing,
        ["GET /api/users/{id:guid}"] = Nothing,
        ["POST /api/users/"] = Body<CreateUserRequest>(),
        ["PUT /api/users/{id:guid}/role"] = Body<UserRoleRequest>(),
        ["POST /api/users/{id:guid}/disable"] = Nothing,
        ["POST /api/users/{id:guid}/enable"] = Nothing,
        ["POST /api/users/{id:guid}/reset-password"] = Nothing,

        ["GET /api/pipelines"] = Nothing,
        ["POST /api/pipelines/{key}/runs"] = Body<RunLaunchBody>(),
        ["PUT /api/pipelines/{key}/schedule"] = Body<PipelineScheduleBody>(),
        ["GET /api/pipelines/{key}/schedule"] = Nothing,
        ["GET /api/pipelines/{key}/versions/"] = Nothing,
        ["GET /api/pipelines/{key}/versions/{number:int}/export"] = Nothing,
        ["POST /api/pipelines/{key}/versions/import"] = new(typeof(AiFlow.Web.Features.Pipelines.Bundles.PipelineBundle)),
        ["GET /api/pipelines/{key}/gate-policy"] = Nothing,
        ["PUT /api/pipelines/{key}/gate-policy"] = Body<GatePolicyBody>(),
        ["GET /api/pipelines/{key}/evaluation-schedule"] = Nothing,
        ["PUT /api/pipelines/{key}/evaluation-schedule"] = Body<EvaluationScheduleBody>(),
        ["GET /api/pipelines/{key}/versions/{number:int}/gate"] = Nothing,
        ["POST /api/pipelines/{key}/versions/{number:int}/activate"] = Body<ActivationBody>(optional: true),

        ["GET /api/runs/{id:guid}"] = Nothing,
        ["POST /api/runs/{id:guid}/cancel"] = Nothing,
        ["POST /api/runs/{id:guid}/steps/{node}/retry"] = Nothing,
        ["POST /api/runs/{id:guid}/replay"] = Body<RunReplayBody>(optional: true),
        ["POST /api/runs/{id:guid}/feedback"] = Body<FeedbackBody>(),
        ["GET /api/monitoring/runs"] = Query(
            new("pipelineId", QueryKind.Guid), new("versionId", QueryKind.Guid), new("status", QueryKind.Enum), new("trigger", QueryKind.Enum),
            new("from", QueryKind.Date), new("to", QueryKind.Date), new("invalidIr", QueryKind.Bool), new("minCost", QueryKind.Cost),
            new("maxCost", QueryKind.Cost), new("q", QueryKind.Text), new("page", QueryKind.PageFromZero), new("pageSize", QueryKind.PageSize),
            new("sort", QueryKind.Enum), new("dir", QueryKind.Enum), new("pipeline", QueryKind.Text),
            new("version", QueryKind.PositiveInt, "pipeline=ticket-triage&")),
        ["GET /api/monitoring/runs/{id:guid}"] = Nothing,
        ["GET /api/monitoring/metrics"] = Query(new("from", QueryKind.Date), new("to", QueryKind.Date)),

        ["GET /api/ir-schemas/"] = Query(new QueryParameter("stepVersionId", QueryKind.Guid)),
        ["GET /api/ir-schemas/{id:guid}"] = Nothing,
        ["POST /api/ir-schemas/"] = Body<IrSchemaCreateBody>(),
        ["PUT /api/ir-schemas/{id:guid}"] = Body<IrSchemaVersionBody>(),
        ["POST /api/ir-schemas/{id:guid}/activate"] = Nothing,
        ["POST /api/ir-schemas/validate"] = Body<IrSchemaValidateBody>(),

        ["GET /api/endpoints/"] = Nothing,
        ["GET /api/endpoints/{id:guid}"] = Nothing,
        ["POST /api/endpoints/"] = Body<EndpointForm>(),
        ["PUT /api/endpoints/{id:guid}"] = Body<EndpointForm>(),
        ["DELETE /api/endpoints/{id:guid}"] = Nothing,
        ["POST /api/endpoints/{id:guid}/test"] = Nothing,

        ["GET /api/ground-truth"] = Query(
            new("scope", QueryKind.Guid), new("step", QueryKind.Text), new("pipeline", QueryKind.Text),
            new("page", QueryKind.PageFromOne, $"scope={Guid.Empty}&"), new("pageSize", QueryKind.PageSize, $"scope={Guid.Empty}&")),
        ["POST /api/ground-truth/curate"] = Nothing,
        ["PUT /api/ground-truth/{id:guid}/tags"] = Body<TagsBody>(),

        ["POST /api/collections/{key}/search"] = Body<CollectionSearchBody>(),

        ["GET /api/datasets/"] = Query([new("scope", QueryKind.Text), .. Paging]),
        ["POST /api/datasets/"] = Body<SnapshotBody>(),
        ["GET /api/datasets/{id:guid}"] = Query(Paging),
        ["GET /api/datasets/compare"] = Query(new("from", QueryKind.Guid), new("to", QueryKind.Guid, $"from={Guid.Empty}&")),

        ["GET /api/judges/"] = Nothing,
        ["GET /api/judges/{key}"] = Nothing,
        ["POST /api/judges/"] = Body<JudgeBody>(),
        ["PUT /api/judges/{key}"] = Body<JudgeBody>(),

        ["GET /api/prompts/"] = Nothing,
        ["GET /api/prompts/{id:guid}"] = Nothing,
        ["POST /api/prompts/"] = Body<PromptTemplateBody>(),
        ["POST /api/prompts/{id:guid}/versions"] = Body<PromptVersionBody>(),
        ["POST /api/prompts/preview"] = Body<PromptPreviewBody>(),

        ["GET /api/steps/"] = Nothing,
        ["GET /api/steps/{key}"] = Nothing,
        ["POST /api/steps/"] = Body<StepCreateBody>(),
        ["POST /api/steps/{key}/versions"] = Body<StepVersionBody>(optional: true),
        ["PUT /api/steps/{key}/versions/{number:int}"] = Body<StepVersionBody>(),
        ["POST /api/steps/{key}/versions/{number:int}/publish"] = Body<StepPublishBody>(optional: true),

        ["POST /api/evaluations/"] = Body<EvaluationBody>(),
        ["GET /api/evaluations/"] = Query(Paging),
        ["GET /api/evaluations/{id:guid}"] = Nothing,
        ["GET /api/evaluations/{id:guid}/cases"] = Query([.. Paging, new("outcome", QueryKind.Enum), new("metric", QueryKind.Text), new("tag", QueryKind.Text)]),
        ["POST /api/evaluations/{id:guid}/cancel"] = Nothing,
        ["GET /api/evaluations/{id:guid}/export"] = Query(new QueryParameter("format", QueryKind.Enum)),

        ["GET /api/metrics/"] = Nothing,
        ["GET /api/metrics/{key}"] = Nothing,
        ["GET /api/metrics/{key}/versions"] = Nothing,
        ["POST /api/metrics/"] = Body<MetricDefinitionBody>(),
        ["PUT /api/metrics/{key}"] = Body<MetricDefinitionBody>(),
        ["GET /api/metric-functions"] = Nothing,
        ["GET /api/metric-profiles/"] = Nothing,
        ["GET /api/metric-profiles/{key}"] = Nothing,
        ["GET /api/metric-profiles/{key}/versions"] = Nothing,
        ["POST /api/metric-profiles/"] = Body<MetricProfileBody>(),
        ["PUT /api/metric-profiles/{key}"] = Body<MetricProfileBody>(),

        ["POST /api/media/"] = new(RawBody: true),
        ["GET /api/media/"] = Query(Paging),
        ["GET /api/media/{id:guid}"] = Nothing,
        ["DELETE /api/media/{id:guid}"] = Nothing,
        ["GET /api/collections/"] = Nothing,
        ["POST /api/collections/"] = Body<CollectionCreateBody>(),
        ["GET /api/collections/{key}"] = Nothing,
        ["PUT /api/collections/{key}"] = Body<CollectionUpdateBody>(),
        // Multipart, not JSON: every JSON body the corpus sends it must be refused as the wrong media type.
        ["POST /api/collections/{key}/documents"] = new(RawBody: true),
        ["POST /api/collections/{key}/sources"] = Body<SourcesBody>(),
        ["GET /api/collections/{key}/documents"] = Query([new("status", QueryKind.Enum), .. Paging]),
        ["GET /api/collections/{key}/jobs/{id:guid}"] = Nothing,
        ["POST /api/collections/{key}/documents/{id:guid}/release"] = Nothing,
        ["DELETE /api/collections/{key}/documents/{id:guid}"] = Nothing,

        ["POST /api/pipelines/{key}/archive"] = Nothing,
        ["POST /api/pipelines/{key}/restore"] = Nothing,
        ["POST /api/steps/{key}/archive"] = Nothing,
        ["POST /api/steps/{key}/restore"] = Nothing,
        ["POST /api/prompts/{id:guid}/archive"] = Nothing,
        ["POST /api/prompts/{id:guid}/restore"] = Nothing,
        ["POST /api/ir-schemas/{id:guid}/archive"] = Nothing,
        ["POST /api/ir-schemas/{id:guid}/restore"] = Nothing,
        ["GET /api/retention"] = Nothing,
        ["PUT /api/runs/{id:guid}/steps/{node}/chunk-labels"] = Body<AiFlow.Web.Features.Collections.Gold.ChunkLabelBody>(),
        ["GET /api/collections/{key}/gold-retrieval"] = Nothing,
        ["GET /api/collections/{key}/retrieval-quality"] = Nothing,

        ["GET /api/settings/"] = Nothing,
        ["PUT /api/settings/{key}"] = Body<SettingBody>(),
        ["DELETE /api/settings/{key}"] = Nothing,
        ["GET /api/settings/{key}/history"] = Nothing,
        ["GET /api/budgets/"] = Nothing,
        ["GET /api/budgets/{id:guid}"] = Nothing,
        ["POST /api/budgets/"] = Body<AiFlow.Web.Features.Budgets.BudgetBody>(),
        ["PUT /api/budgets/{id:guid}"] = Body<AiFlow.Web.Features.Budgets.BudgetBody>(),
        ["DELETE /api/budgets/{id:guid}"] = Nothing,
    };
}
