using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Runs;
using AiFlow.Web.Features.Access;
using AiFlow.Web.Features.Admin;
using AiFlow.Web.Features.Collections;
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
using AiFlow.Web.Features.Runs.List;
using AiFlow.Web.Features.Steps;
using AiFlow.Web.Features.Settings;
using static AiFlow.Web.Api.OpenApi.EndpointDocumentation;
using AiFlow.Web.Features.Pipelines.Authoring;
using AiFlow.Web.Features.GroundTruth;
using AiFlow.Web.Features.Monitoring;
using AiFlow.Infrastructure.Schemas;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Lifecycle;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Retrieval.Gold;
using AiFlow.Infrastructure.Retrieval.Ingestion;
using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>
/// The API reference, route by route: what each <c>/api</c> route does, the body it binds and the query it reads. Routes
/// read bodies and queries themselves (one binder, one error shape, ADR 0021), so the framework cannot infer these from
/// handler parameters; <see cref="Describe"/> attaches them as endpoint metadata, which the OpenAPI document reads.
/// A route missing here fails <c>OpenApiDocumentTests</c>, like a route missing from <see cref="Security.AccessTable"/>.
/// </summary>
public static class ApiOperations
{
    private static readonly QueryParameterMetadata[] Paging = [Page(), PageSize()];

    public static readonly IReadOnlyDictionary<string, ApiOperation> All = new Dictionary<string, ApiOperation>(StringComparer.Ordinal)
    {
        ["GET /api/me"] = new("Account", "Who the caller is: name, role and how they signed in (cookie or API key).", Response: typeof(MeResponse)),
        ["GET /api/api-keys/"] = new("API keys", "List API keys (never their secrets).", Response: typeof(IReadOnlyList<ApiKeySummary>)),
        ["GET /api/api-keys/{id:guid}"] = new("API keys", "One API key as the list shows it (never its secret).", Response: typeof(ApiKeySummary)),
        ["POST /api/api-keys/"] = new("API keys", "Create an API key for a role; the key is shown once in the answer.", typeof(CreateApiKeyRequest), Response: typeof(CreatedApiKey), Success: StatusCodes.Status201Created),
        ["DELETE /api/api-keys/{id:guid}"] = new("API keys", "Revoke an API key.", Success: StatusCodes.Status204NoContent),
        ["GET /api/users/"] = new("Users", "List users with their role, whether they are disabled, and their last sign-in.", Response: typeof(IReadOnlyList<UserSummary>)),
        ["GET /api/users/{id:guid}"] = new("Users", "One user as the list shows it.", Response: typeof(UserSummary)),
        ["POST /api/users/"] = new("Users", "Create a user with a role; the answer holds a one-time password, shown once, that the user must change at first sign-in.", typeof(CreateUserRequest), Response: typeof(UserPassword), Success: StatusCodes.Status201Created),
        ["PUT /api/users/{id:guid}/role"] = new("Users", "Give a user exactly one role (not the last enabled Admin's, nor your own Admin role).", typeof(UserRoleRequest), Success: StatusCodes.Status204NoContent),
        ["POST /api/users/{id:guid}/disable"] = new("Users", "Disable a user: they cannot sign in and their sessions end within the stamp-check interval.", Success: StatusCodes.Status204NoContent),
        ["POST /api/users/{id:guid}/enable"] = new("Users", "Enable a disabled user.", Success: StatusCodes.Status204NoContent),
        ["POST /api/users/{id:guid}/reset-password"] = new("Users", "Give a user a new one-time password, shown once; their sessions end and they must change it at next sign-in.", Response: typeof(UserPassword)),

        ["GET /api/pipelines"] = new("Runs", "List pipelines with their versions and which one is active.", Response: typeof(IReadOnlyList<PipelineSummary>)),
        ["POST /api/pipelines/{key}/runs"] = new("Runs", "Start a run of a pipeline's active version (or a named version) on an input.", typeof(RunLaunchBody), Response: typeof(RunStarted), Success: StatusCodes.Status202Accepted),
        ["PUT /api/pipelines/{key}/schedule"] = new("Runs", "Set or clear a pipeline's run schedule: Quartz cron, time zone, enabled and the input of each scheduled run.", typeof(PipelineScheduleBody), Success: StatusCodes.Status204NoContent),
        ["GET /api/pipelines/{key}/schedule"] = new("Runs", "Read a pipeline's run schedule with its next five fire times.", Response: typeof(PipelineScheduleResponse)),
        ["GET /api/pipelines/{key}/versions/"] = new("Pipelines", "List a pipeline's versions.", Response: typeof(IReadOnlyList<VersionSummary>)),
        ["GET /api/pipelines/{key}/versions/{number:int}/export"] = new("Pipelines",
            "Export a published pipeline version as a bundle: the version with every step version, prompt version, IR schema version and metric profile it uses, by key and SHA-256 content hash.", Response: typeof(Features.Pipelines.Bundles.PipelineBundle)),
        ["POST /api/pipelines/{key}/versions/import"] = new("Pipelines",
            "Import a bundle (the exported file is the body): creates what is missing, reuses what is identical, refuses a conflict (409) and saves nothing then. The version lands published, not active.",
            typeof(Features.Pipelines.Bundles.PipelineBundle), Response: typeof(Features.Pipelines.Bundles.BundleImported)),
        ["GET /api/pipelines/{key}/gate-policy"] = new("Release gate", "Read a pipeline's release-gate policy.", Response: typeof(GatePolicyView)),
        ["PUT /api/pipelines/{key}/gate-policy"] = new("Release gate", "Replace a pipeline's release-gate policy.", typeof(GatePolicyBody), Response: typeof(GatePolicyView)),
        ["GET /api/pipelines/{key}/evaluation-schedule"] = new("Evaluations", "Read a pipeline's scheduled evaluation.", Response: typeof(EvaluationScheduleView)),
        ["PUT /api/pipelines/{key}/evaluation-schedule"] = new("Evaluations", "Set a pipeline's scheduled evaluation.", typeof(EvaluationScheduleBody), Success: StatusCodes.Status204NoContent),
        ["GET /api/pipelines/{key}/versions/{number:int}/gate"] = new("Release gate", "The release gate's verdict on a pipeline version, rule by rule.", Response: typeof(GateReportView)),
        ["POST /api/pipelines/{key}/versions/{number:int}/activate"] = new("Release gate",
            "Activate a pipeline version if the gate passes (an Admin may override with a reason).", typeof(ActivationBody), BodyOptional: true, Response: typeof(VersionActivated)),

        ["GET /api/runs/{id:guid}"] = new("Runs", "A run with its steps, IR, metrics and cost.", Response: typeof(RunDetails)),
        ["POST /api/runs/{id:guid}/cancel"] = new("Runs", "Cancel a queued, running or waiting run.", Success: StatusCodes.Status202Accepted),
        ["POST /api/runs/{id:guid}/steps/{node}/retry"] = new("Runs", "Retry a failed step of a run.", Success: StatusCodes.Status202Accepted),
        ["POST /api/runs/{id:guid}/replay"] = new("Runs", "Start a new run on the same input (optionally on another version).", typeof(RunReplayBody), BodyOptional: true, Response: typeof(RunStarted), Success: StatusCodes.Status202Accepted),
        ["POST /api/runs/{id:guid}/feedback"] = new("Review", "Decide a run's review item: approve, reject or correct its IR.", typeof(FeedbackBody), Response: typeof(FeedbackRecorded)),
        ["GET /api/monitoring/runs"] = new("Monitoring", "Runs filtered, sorted and paged, with totals over the filter.", Query:
        [
            Id("pipelineId", "Only runs of this pipeline."), Id("versionId", "Only runs of this pipeline version."),
            Enum<RunStatus>("status", "Only runs in this status."), Enum<RunTrigger>("trigger", "Only runs started this way."),
            Date("from", "Runs created at or after (ISO 8601, UTC)."), Date("to", "Runs created before (ISO 8601, UTC)."),
            Boolean("invalidIr", "Only runs with (true) or without (false) invalid IR."),
            Number("minCost", "Least cost in USD."), Number("maxCost", "Most cost in USD."), Text("q", "Text searched in the run's input."),
            new("page", Microsoft.OpenApi.JsonSchemaType.Integer, "The page to show, from 0.", "int32"), PageSize(),
            Enum<RunSort>("sort", "What to sort by."), new("dir", Microsoft.OpenApi.JsonSchemaType.String, "Sort direction.", Values: ["asc", "desc"]),
            Text("pipeline", "Only runs of the pipeline with this key."), Integer("version", "With pipeline: only runs of this version number."),
        ], Response: typeof(MonitoringRunPage)),
        ["GET /api/monitoring/runs/{id:guid}"] = new("Monitoring", "A run with its steps, IR, metrics and cost.", Response: typeof(RunDetails)),
        ["GET /api/monitoring/metrics"] = new("Monitoring", "Runs, errors, tokens, cost, latency, IR validity and review backlog over a time range.",
            Query: [Date("from", "Start (ISO 8601, UTC); 24 hours ago by default."), Date("to", "End (ISO 8601, UTC); now by default.")], Response: typeof(MonitoringMetrics)),

        ["GET /api/ir-schemas/"] = new("IR schemas", "List IR schemas with their versions.", Query: [Id("stepVersionId", "Only the schema this step version uses.")], Response: typeof(IReadOnlyList<IrSchemaVersionSummary>)),
        ["GET /api/ir-schemas/{id:guid}"] = new("IR schemas", "One IR schema's versions, oldest first.", Response: typeof(IReadOnlyList<IrSchemaVersionSummary>)),
        ["POST /api/ir-schemas/"] = new("IR schemas", "Create an IR schema with its first draft version.", typeof(IrSchemaCreateBody), Response: typeof(IrSchemaWriteResult), Success: StatusCodes.Status201Created),
        ["PUT /api/ir-schemas/{id:guid}"] = new("IR schemas", "Save a draft IR schema version.", typeof(IrSchemaVersionBody), Response: typeof(IrSchemaWriteResult)),
        ["POST /api/ir-schemas/{id:guid}/activate"] = new("IR schemas", "Activate an IR schema version.", Success: StatusCodes.Status204NoContent),
        ["POST /api/ir-schemas/validate"] = new("IR schemas", "Validate an instance against a schema without saving anything.", typeof(IrSchemaValidateBody), Response: typeof(InstanceCheck)),

        ["GET /api/endpoints/"] = new("Endpoints", "List inference endpoints with their health.", Response: typeof(IReadOnlyList<EndpointSummary>)),
        ["GET /api/endpoints/{id:guid}"] = new("Endpoints", "One inference endpoint with its health.", Response: typeof(EndpointSummary)),
        ["POST /api/endpoints/"] = new("Endpoints", "Register an inference endpoint.", typeof(EndpointForm), Response: typeof(EndpointCreated), Success: StatusCodes.Status201Created),
        ["PUT /api/endpoints/{id:guid}"] = new("Endpoints", "Change an inference endpoint.", typeof(EndpointForm), Success: StatusCodes.Status204NoContent),
        ["DELETE /api/endpoints/{id:guid}"] = new("Endpoints", "Remove an inference endpoint.", Success: StatusCodes.Status204NoContent),
        ["POST /api/endpoints/{id:guid}/test"] = new("Endpoints", "Test an endpoint with one small call.", Response: typeof(ConnectionTestResult)),

        ["GET /api/ground-truth"] = new("Ground truth", "Ground-truth examples of a step or a pipeline, paged, each with the review decision it came from.",
            Query: [Text("step", "The step's key."), Text("pipeline", "The pipeline's key."), Id("scope", "Or the step's or pipeline's id."), .. Paging], Response: typeof(GroundTruthApiPage)),
        ["POST /api/ground-truth/curate"] = new("Ground truth", "Curate approved and corrected review decisions into ground truth now.", Success: StatusCodes.Status202Accepted),
        ["PUT /api/ground-truth/{id:guid}/tags"] = new("Ground truth", "Replace an example's tags.", typeof(TagsBody), Response: typeof(ExampleTagsSet)),

        ["GET /api/datasets/"] = new("Datasets", "List dataset versions.", Query: [Text("scope", "step:<key> or pipeline:<key>."), .. Paging], Response: typeof(ApiPage<DatasetView>)),
        ["POST /api/datasets/"] = new("Datasets", "Snapshot a dataset version, optionally narrowed to a tag.", typeof(SnapshotBody), Response: typeof(DatasetView), Success: StatusCodes.Status201Created),
        ["GET /api/datasets/{id:guid}"] = new("Datasets", "A dataset version's examples, paged.", Query: Paging, Response: typeof(DatasetItemsPage)),
        ["GET /api/datasets/compare"] = new("Datasets", "Compare two dataset versions: added, removed and changed examples.",
            Query: [Id("from", "The older dataset version."), Id("to", "The newer dataset version.")], Response: typeof(DatasetCompareView)),

        ["GET /api/judges/"] = new("Judges", "List LLM judges.", Response: typeof(IReadOnlyList<JudgeJson>)),
        ["GET /api/judges/{key}"] = new("Judges", "A judge with its versions and its agreement with reviewers.", Response: typeof(JudgeJson)),
        ["POST /api/judges/"] = new("Judges", "Create an LLM judge.", typeof(JudgeBody), Response: typeof(JudgeJson), Success: StatusCodes.Status201Created),
        ["PUT /api/judges/{key}"] = new("Judges", "Save a new version of a judge.", typeof(JudgeBody), Response: typeof(JudgeJson)),

        ["GET /api/prompts/"] = new("Prompts", "List prompt templates.", Response: typeof(IReadOnlyList<PromptTemplateSummary>)),
        ["GET /api/prompts/{id:guid}"] = new("Prompts", "A prompt template with its versions.", Response: typeof(PromptTemplateDetails)),
        ["POST /api/prompts/"] = new("Prompts", "Create a prompt template.", typeof(PromptTemplateBody), Response: typeof(PromptTemplateDetails), Success: StatusCodes.Status201Created),
        ["POST /api/prompts/{id:guid}/versions"] = new("Prompts", "Save a new version of a prompt template.", typeof(PromptVersionBody), Response: typeof(PromptVersionView), Success: StatusCodes.Status201Created),
        ["POST /api/prompts/preview"] = new("Prompts", "Render a template over a sample input without saving.", typeof(PromptPreviewBody), Response: typeof(PromptPreview)),

        ["GET /api/steps/"] = new("Steps", "List step definitions.", Response: typeof(IReadOnlyList<StepListJson>)),
        ["GET /api/steps/{key}"] = new("Steps", "A step definition with its versions.", Response: typeof(StepJson)),
        ["POST /api/steps/"] = new("Steps", "Create a step definition.", typeof(StepCreateBody), Response: typeof(StepJson), Success: StatusCodes.Status201Created),
        ["POST /api/steps/{key}/versions"] = new("Steps", "Start a new draft version of a step (from the latest, or from the body).", typeof(StepVersionBody), BodyOptional: true, Response: typeof(StepVersionJson), Success: StatusCodes.Status201Created),
        ["PUT /api/steps/{key}/versions/{number:int}"] = new("Steps", "Save a draft step version.", typeof(StepVersionBody), Response: typeof(StepVersionJson)),
        ["POST /api/steps/{key}/versions/{number:int}/publish"] = new("Steps", "Publish a draft step version.", typeof(StepPublishBody), BodyOptional: true, Response: typeof(StepVersionJson)),

        ["POST /api/evaluations/"] = new("Evaluations", "Start an evaluation of a candidate against a baseline on a dataset version.", typeof(EvaluationBody), Response: typeof(EvaluationStarted), Success: StatusCodes.Status202Accepted),
        ["GET /api/evaluations/"] = new("Evaluations", "List evaluations, newest first.", Query: Paging, Response: typeof(ApiPage<EvaluationListItem>)),
        ["GET /api/evaluations/{id:guid}"] = new("Evaluations", "An evaluation's progress, aggregates and verdict.", Response: typeof(EvaluationView)),
        ["GET /api/evaluations/{id:guid}/cases"] = new("Evaluations", "An evaluation's cases, paged and filtered.", Query:
        [
            .. Paging, new("outcome", Microsoft.OpenApi.JsonSchemaType.String, "Only wins, losses, ties or errors.", Values: ["wins", "losses", "ties", "errors"]),
            Text("metric", "The metric the outcome is judged by."), Text("tag", "Only cases with this tag."),
        ], Response: typeof(ApiPage<EvaluationCaseView>)),
        ["POST /api/evaluations/{id:guid}/cancel"] = new("Evaluations", "Cancel a running evaluation.", Success: StatusCodes.Status202Accepted),
        ["GET /api/evaluations/{id:guid}/export"] = new("Evaluations", "Export an evaluation's cases as CSV or JSON lines.",
            Query: [new("format", Microsoft.OpenApi.JsonSchemaType.String, "csv or jsonl.", Values: ["csv", "jsonl"])],
            Response: typeof(string), Produces: ["text/csv", "application/x-ndjson"]),

        ["GET /api/metrics/"] = new("Metrics", "List metric definitions.", Response: typeof(IReadOnlyList<MetricDefinitionJson>)),
        ["GET /api/metrics/{key}"] = new("Metrics", "A metric definition.", Response: typeof(MetricDefinitionJson)),
        ["GET /api/metrics/{key}/versions"] = new("Metrics", "Every numbered version of a metric definition, newest first, with who saved it, when and what changed.", Response: typeof(IReadOnlyList<CatalogVersionView<MetricDefinitionJson>>)),
        ["POST /api/metrics/"] = new("Metrics", "Define a metric from a library function.", typeof(MetricDefinitionBody), Response: typeof(MetricDefinitionJson), Success: StatusCodes.Status201Created),
        ["PUT /api/metrics/{key}"] = new("Metrics", "Change a metric definition.", typeof(MetricDefinitionBody), Response: typeof(MetricDefinitionJson)),
        ["GET /api/metric-functions"] = new("Metrics", "The metric library's functions with their formulas and parameters.", Response: typeof(IReadOnlyList<MetricFunctionJson>)),
        ["GET /api/metric-profiles/"] = new("Metrics", "List metric profiles.", Response: typeof(IReadOnlyList<MetricProfileJson>)),
        ["GET /api/metric-profiles/{key}"] = new("Metrics", "A metric profile with its targets.", Response: typeof(MetricProfileJson)),
        ["GET /api/metric-profiles/{key}/versions"] = new("Metrics", "Every numbered version of a metric profile, newest first, with who saved it, when and what changed.", Response: typeof(IReadOnlyList<CatalogVersionView<MetricProfileJson>>)),
        ["POST /api/metric-profiles/"] = new("Metrics", "Create a metric profile.", typeof(MetricProfileBody), Response: typeof(MetricProfileJson), Success: StatusCodes.Status201Created),
        ["PUT /api/metric-profiles/{key}"] = new("Metrics", "Change a metric profile.", typeof(MetricProfileBody), Response: typeof(MetricProfileJson)),

        ["GET /api/collections/"] = new("Collections", "List collections with their document and chunk counts.", Response: typeof(IReadOnlyList<CollectionSummary>)),
        ["POST /api/collections/"] = new("Collections", "Create a collection (key, name, optional embedding route, dimension, chunking, text-search language); its HNSW index is made with it.", typeof(CollectionCreateBody), Response: typeof(CollectionDetailJson), Success: StatusCodes.Status201Created),
        ["GET /api/collections/{key}"] = new("Collections", "A collection's settings, its documents by status, its chunks and its latest ingestion jobs' progress.", Response: typeof(CollectionDetailJson)),
        ["PUT /api/collections/{key}"] = new("Collections", "Change a collection's settings (the version read is required; a member left out keeps its value). The dimension and text-search language change only while it has no chunks.", typeof(CollectionUpdateBody), Response: typeof(CollectionDetailJson)),
        ["POST /api/collections/{key}/documents"] = new("Collections", "Upload documents as multipart/form-data: files in the field 'files', optional fields licence, allowedUses, tags, source. Answers 202 with the ingestion job, or 200 when every file was a duplicate.", Response: typeof(UploadOutcome), Success: StatusCodes.Status202Accepted),
        ["POST /api/collections/{key}/sources"] = new("Collections", "Ingest files or folders under the allow-listed roots (paths) or URLs fetched through the SSRF guard (urls).", typeof(SourcesBody), Response: typeof(UploadOutcome), Success: StatusCodes.Status202Accepted),
        ["POST /api/media/"] = new("Media", "Upload images, audio or video as multipart/form-data (files in the field 'files'). The type is sniffed from the bytes and must agree with the name and Content-Type; identical bytes answer the asset already stored. Answers 201 with each asset's id, mimeType, sha256, bytes, width/height or durationMs, and for video the derived frames and audio track.", Response: typeof(IReadOnlyList<Features.Media.MediaJson>), Success: StatusCodes.Status201Created),
        ["GET /api/media/"] = new("Media", "Uploaded media, newest first, each with its derived assets and a signed, expiring contentUrl.", Query: [.. Paging], Response: typeof(ApiPage<Features.Media.MediaJson>)),
        ["GET /api/media/{id:guid}"] = new("Media", "One asset as the upload answered it, with a signed, expiring contentUrl. Reviewers read only media named by a run with something to review.", Response: typeof(Features.Media.MediaJson)),
        ["DELETE /api/media/{id:guid}"] = new("Media", "Delete an asset and what was derived from it; the bytes go unless another asset shares them.", Success: StatusCodes.Status204NoContent),

        ["GET /api/collections/{key}/documents"] = new("Collections", "A collection's documents, newest first, with status and reason.", Query:
            [Enum<DocumentStatus>("status", "Only documents in this status (retired versions only when asked for)."), .. Paging], Response: typeof(ApiPage<DocumentJson>)),
        ["GET /api/collections/{key}/jobs/{id:guid}"] = new("Collections", "An ingestion job's progress and log.", Response: typeof(IngestionJobJson)),
        ["POST /api/collections/{key}/documents/{id:guid}/release"] = new("Collections", "Release a quarantined document: it is ingested again, skipping the near-duplicate check.", Response: typeof(JobProgress), Success: StatusCodes.Status202Accepted),
        ["DELETE /api/collections/{key}/documents/{id:guid}"] = new("Collections", "Delete a document with its bytes and chunks.", Success: StatusCodes.Status204NoContent),
        ["POST /api/collections/{key}/search"] = new("Collections",
            "Hybrid search: vector and full-text ranks fused (RRF), optionally reranked; each hit with its document, heading path, page and every ranker's score.",
            typeof(Features.Collections.Search.CollectionSearchBody), Response: typeof(Features.Collections.Search.SearchResultJson)),

        ["POST /api/pipelines/{key}/archive"] = new("Pipelines", "Archive a pipeline: it leaves pickers and palettes, stays readable, and what pins its versions keeps running.", Response: typeof(ArchiveState)),
        ["POST /api/pipelines/{key}/restore"] = new("Pipelines", "Restore an archived pipeline.", Response: typeof(ArchiveState)),
        ["POST /api/steps/{key}/archive"] = new("Steps", "Archive a step: it leaves pickers and palettes, stays readable, and what pins its versions keeps running.", Response: typeof(ArchiveState)),
        ["POST /api/steps/{key}/restore"] = new("Steps", "Restore an archived step.", Response: typeof(ArchiveState)),
        ["POST /api/prompts/{id:guid}/archive"] = new("Prompts", "Archive a prompt template: it leaves pickers and palettes, stays readable, and what pins its versions keeps running.", Response: typeof(ArchiveState)),
        ["POST /api/prompts/{id:guid}/restore"] = new("Prompts", "Restore an archived prompt template.", Response: typeof(ArchiveState)),
        ["POST /api/ir-schemas/{id:guid}/archive"] = new("IR schemas", "Archive an IR schema: it leaves pickers and palettes, stays readable, and what pins its versions keeps running.", Response: typeof(ArchiveState)),
        ["POST /api/ir-schemas/{id:guid}/restore"] = new("IR schemas", "Restore an archived IR schema.", Response: typeof(ArchiveState)),
        ["GET /api/retention"] = new("Retention", "The retention policy in force, what the last purge removed per kind of data, and when the next one runs.", Response: typeof(Features.Retention.RetentionJson)),
        ["PUT /api/runs/{id:guid}/steps/{node}/chunk-labels"] = new("Collections",
            "Judge a chunk a retrieval step retrieved as relevant or not (the node's latest attempt unless attempt is given); it joins the collection's gold retrieval set.",
            typeof(Features.Collections.Gold.ChunkLabelBody), Response: typeof(ChunkLabel)),
        ["GET /api/collections/{key}/gold-retrieval"] = new("Collections",
            "The collection's gold retrieval set: each judged query with its relevant and not-relevant chunk ids and every judgement (who, when, which run).", Response: typeof(Features.Collections.Gold.GoldRetrievalJson)),
        ["GET /api/collections/{key}/retrieval-quality"] = new("Collections",
            "Recall@k, MRR and nDCG@k over the gold set for each retrieval step version with labelled queries.", Response: typeof(Features.Collections.Gold.RetrievalQualityJson)),

        ["GET /api/settings/"] = new("Settings", "List the run-time settings: what each takes, its effective value, where that comes from (default, appsettings, environment, database), its version and who set it.", Response: typeof(IReadOnlyList<AiFlow.Infrastructure.Settings.SettingView>)),
        ["PUT /api/settings/{key}"] = new("Settings",
            "Set a setting in the database, overriding appsettings.json and the environment on every console without a restart. Send the version you read (409 when stale); a value of the wrong type or out of range is a 400 at /value; secrets are refused: reference fields take a name only.",
            typeof(SettingBody), Response: typeof(AiFlow.Infrastructure.Settings.SettingView)),
        ["DELETE /api/settings/{key}"] = new("Settings", "Reset a setting: remove the database's value so appsettings.json, the environment or the default applies again.", Response: typeof(AiFlow.Infrastructure.Settings.SettingView)),
        ["GET /api/settings/{key}/history"] = new("Settings", "A setting's changes, newest first: value (or reset), version, who and when.", Response: typeof(IReadOnlyList<AiFlow.Infrastructure.Settings.SettingChangeView>)),
        ["GET /api/budgets/"] = new("Budgets", "Every budget with its spend in the current UTC period, its soft limit and whether its hard limit refuses new model calls.", Response: typeof(IReadOnlyList<Features.Budgets.BudgetResponse>)),
        ["GET /api/budgets/{id:guid}"] = new("Budgets", "One budget with its spend in the current UTC period.", Response: typeof(Features.Budgets.BudgetResponse)),
        ["POST /api/budgets/"] = new("Budgets",
            "Create a USD budget for a period (Day, Week, Month in UTC) over every call (Global), one pipeline (by key) or the runs one API key launched (by id); one per scope and period.",
            typeof(Features.Budgets.BudgetBody), Response: typeof(Features.Budgets.BudgetResponse), Success: StatusCodes.Status201Created),
        ["PUT /api/budgets/{id:guid}"] = new("Budgets", "Change a budget (the whole budget is sent); the gateway applies it at its next call.", typeof(Features.Budgets.BudgetBody), Response: typeof(Features.Budgets.BudgetResponse)),
        ["DELETE /api/budgets/{id:guid}"] = new("Budgets", "Delete a budget: its limits stop applying.", Success: StatusCodes.Status204NoContent),
    };

    /// <summary>Attaches each route's entry as endpoint metadata (summary, tag, accepted body, query parameters).</summary>
    public static void Describe(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route) return;
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods;
            var method = methods is { Count: > 0 } ? methods[0] : null;
            if (method is null || !All.TryGetValue($"{method} {route.RoutePattern.RawText}", out var operation)) return;
            var key = $"{method} {route.RoutePattern.RawText}";
            if (ApiExamples.Requests.ContainsKey(key)) endpoint.Metadata.Add(new RequestExampleMetadata(key));
            endpoint.Metadata.Add(new EndpointSummaryAttribute(operation.Summary));
            endpoint.Metadata.Add(new TagsAttribute(operation.Tag));
            if (operation.Body is { } body) endpoint.Metadata.Add(new JsonBodyMetadata(body, operation.BodyOptional));
            foreach (var query in operation.Query ?? []) endpoint.Metadata.Add(query);
            endpoint.Metadata.Add(operation.Response is { } response
                ? new ProducesResponseTypeMetadata(operation.Success, response, [.. operation.Produces ?? ["application/json"]])
                : new ProducesResponseTypeMetadata(operation.Success, typeof(void)));
            // Every refusal is a problem document (ADR 0021); these are the ones any route can give.
            foreach (var status in ProblemStatuses(method, route.RoutePattern.RawText ?? "", operation))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
            }
        });
    }

    private static IEnumerable<int> ProblemStatuses(string method, string pattern, ApiOperation operation)
    {
        if (operation.Body is not null || operation.Query is { Count: > 0 } || pattern.Contains('{', StringComparison.Ordinal)) yield return StatusCodes.Status400BadRequest;
        yield return StatusCodes.Status401Unauthorized;
        yield return StatusCodes.Status403Forbidden;
        if (pattern.Contains('{', StringComparison.Ordinal)) yield return StatusCodes.Status404NotFound;
        if (method is "PUT" or "POST" or "DELETE") yield return StatusCodes.Status409Conflict;
    }
}
