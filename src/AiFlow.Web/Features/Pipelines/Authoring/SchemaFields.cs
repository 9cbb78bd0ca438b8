using System.Text.Json;

namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>The top-level property names a JSON Schema declares: what a condition may read from an IR or the input.</summary>
public static class SchemaFields
{
    public static IReadOnlyList<string> TopLevel(string? schemaJson)
    {
        if (string.IsNullOrWhiteSpace(schemaJson)) return [];
        try
        {
            using var doc = JsonDocument.Parse(schemaJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("properties", out var properties)
                || properties.ValueKind != JsonValueKind.Object) return [];
            return [.. properties.EnumerateObject().Select(p => p.Name)];
        }
        catch (JsonException)
        {
            // A schema that does not parse declares nothing to complete; the schema editor reports it.
            return [];
        }
    }
}
