using AiFlow.Web.Features.Access;
using AiFlow.Web.Features.Judges;
using AiFlow.Web.Features.Account;
using AiFlow.Web.Features.Admin;
using AiFlow.Web.Features.Budgets;
using AiFlow.Web.Features.Collections;
using AiFlow.Web.Features.Collections.Gold;
using AiFlow.Web.Features.Collections.Search;
using AiFlow.Web.Features.Datasets;
using AiFlow.Web.Features.IrSchemas;
using AiFlow.Web.Features.Lifecycle;
using AiFlow.Web.Features.Media;
using AiFlow.Web.Features.Monitoring;
using AiFlow.Web.Features.GroundTruth;
using AiFlow.Web.Features.Review;
using AiFlow.Web.Features.Runs;
using AiFlow.Web.Features.Endpoints;
using AiFlow.Web.Features.Evaluations;
using AiFlow.Web.Features.Metrics;
using AiFlow.Web.Features.Pipelines;
using AiFlow.Web.Features.Prompts;
using AiFlow.Web.Features.Retention;
using AiFlow.Web.Features.Steps;
using AiFlow.Web.Features.Settings;

namespace AiFlow.Web.Api;

public static class ApiEndpoints
{
    public static void MapApi(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapMediaContent();
        var api = app.MapGroup("/api").RequireAuthorization(Security.Policies.AnyRole).DisableAntiforgery();
        OpenApi.ApiOperations.Describe(api);
        api.MapGet("/me", (HttpRequest request) =>
        {
            var user = request.HttpContext.User;
            return Results.Ok(new MeResponse(user.Identity!.Name!, Security.CurrentUser.PrimaryRole(user)!,
                user.Identity.AuthenticationType == Security.ApiKeyAuthenticationHandler.SchemeName ? "api-key" : "cookie"));
        });
        api.MapApiKeyEndpoints();
        api.MapRunApi();
        api.MapIrSchemaApi();
        api.MapEndpointAdminApi();
        api.MapMonitoringApi();
        api.MapReviewApi();
        api.MapGroundTruthApi();
        api.MapPipelineVersionEndpoints();
        api.MapPromptApi();
        api.MapStepApi();
        api.MapEvaluationApi();
        api.MapDatasetApi();
        api.MapGateApi();
        api.MapMetricApi();
        api.MapJudgeApi();
        api.MapCollectionApi();
        api.MapMediaApi();
        api.MapCollectionSearchApi();
        api.MapUserApi();
        api.MapArchiveApi();
        api.MapGoldRetrievalApi();
        api.MapSettingsApi();
        api.MapBudgetApi();
        api.MapRetentionApi();
    }
}
