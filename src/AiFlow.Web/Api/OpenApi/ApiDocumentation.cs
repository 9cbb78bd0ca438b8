using System.Text.Json.Serialization;
using AiFlow.Web.Security;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of every <c>/api</c> route at <c>/openapi/v1.json</c> (any signed-in role or API key: a
/// client generates its code from it) and the API reference page over it for Admin and Ops.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string ReferenceRoute = "/api-reference";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        // Answers name enum members, as request bodies must (the binder refuses numbers for enums), and numbers are numbers:
        // the binder refuses "12" for 12, so the schemas must not promise it.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi("v1", options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<QueryParameterTransformer>();
            options.AddOperationTransformer<RequestExampleTransformer>();
            options.AddSchemaTransformer<OptionalMembersTransformer>();
            options.AddSchemaTransformer<AnyJsonTransformer>();
        });
        return services;
    }

    public static void MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi(DocumentRoute).RequireAuthorization(Policies.AnyRole);
        // The page's scripts carry this answer's CSP nonce; no fonts, telemetry, AI chat or toolbar from Scalar's services
        // (the CSP admits only the console itself, and the reference must not send the API's description elsewhere).
        app.MapScalarApiReference(ReferenceRoute, (options, context) => options
            .WithTitle("AiFlow API")
            .WithOpenApiRoutePattern(DocumentRoute)
            .WithNonce(context.CspNonce())
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .ExpandAllTags()
            .AddPreferredSecuritySchemes([BearerSecurityTransformer.SchemeName]))
            .RequireAuthorization(Policies.AdminOps);
    }
}
