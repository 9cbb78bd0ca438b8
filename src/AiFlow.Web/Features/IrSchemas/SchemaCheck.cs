using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas.Authoring;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Infrastructure.Schemas;

namespace AiFlow.Web.Features.IrSchemas;

/// <summary>
/// What the editor knows about the schema text as typed: its problems at their pointers (the same check every save
/// runs), the compiled schema the sample is validated against when there are none, and the form it describes.
/// </summary>
public sealed record SchemaCheck(string Text, IReadOnlyList<IrValidationError> Errors, CompiledSchema? Compiled, SchemaFormField? Form)
{
    public bool IsValid => Errors.Count == 0;

    public static SchemaCheck Of(string text, bool assertFormats)
    {
        var errors = IrValidationService.CheckSchema(text);
        var compiled = errors.Count == 0 ? JsonSchemaCompiler.Compile(text, new SchemaValidationOptions { AssertFormats = assertFormats }) : null;
        // A schema with problems may still parse, and its form still helps to see what it says.
        var form = TryParse(text) is { } node ? SchemaFormModel.Build(node) : null;
        return new SchemaCheck(text, errors, compiled, form);
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
