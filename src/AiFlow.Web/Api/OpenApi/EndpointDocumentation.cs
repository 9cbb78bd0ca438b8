using Microsoft.OpenApi;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>
/// How a route describes the query parameters it reads for the OpenAPI document. Routes read queries and bodies
/// themselves (one binder, one error shape, ADR 0021), so the framework cannot infer them from handler parameters:
/// bodies are declared with <c>Accepts&lt;TBody&gt;("application/json")</c>, queries here.
/// </summary>
public static class EndpointDocumentation
{
    /// <summary>The route reads these query parameters.</summary>
    public static TBuilder Query<TBuilder>(this TBuilder builder, params QueryParameterMetadata[] parameters) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var parameter in parameters) builder.WithMetadata(parameter);
        return builder;
    }

    public static QueryParameterMetadata Page(string name = "page") => new(name, JsonSchemaType.Integer, "The page to show, from 1.", "int32");
    public static QueryParameterMetadata PageSize(string name = "pageSize") => new(name, JsonSchemaType.Integer, "Items per page.", "int32");
    public static QueryParameterMetadata Date(string name, string description) => new(name, JsonSchemaType.String, description, "date-time");
    public static QueryParameterMetadata Text(string name, string description) => new(name, JsonSchemaType.String, description);
    public static QueryParameterMetadata Integer(string name, string description) => new(name, JsonSchemaType.Integer, description, "int32");
    public static QueryParameterMetadata Number(string name, string description) => new(name, JsonSchemaType.Number, description, "double");
    public static QueryParameterMetadata Boolean(string name, string description) => new(name, JsonSchemaType.Boolean, description);
    public static QueryParameterMetadata Id(string name, string description) => new(name, JsonSchemaType.String, description, "uuid");
    public static QueryParameterMetadata Enum<TEnum>(string name, string description) where TEnum : struct, System.Enum =>
        new(name, JsonSchemaType.String, description, Values: System.Enum.GetNames<TEnum>());
}
