using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Compiles a draft 2020-12 schema once into an immutable, thread-safe <see cref="CompiledSchema"/>.</summary>
public static class JsonSchemaCompiler
{
    /// <exception cref="SchemaCompilationException">The schema is invalid or a reference cannot be resolved.</exception>
    public static CompiledSchema Compile(JsonElement schema, SchemaValidationOptions? options = null, ISchemaResolver? resolver = null)
    {
        options ??= SchemaValidationOptions.Default;
        var session = new SchemaCompilerSession(options, resolver);
        try
        {
            return new CompiledSchema(session.CompileRoot(schema.Clone()), options);
        }
        catch (SchemaLimitExceededException ex)
        {
            throw new SchemaCompilationException(ex.Message, ex);
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new SchemaCompilationException("the schema is nested too deeply to compile", ex);
        }
    }

    public static CompiledSchema Compile(string schemaJson, SchemaValidationOptions? options = null, ISchemaResolver? resolver = null)
    {
        options ??= SchemaValidationOptions.Default;
        // A schema level can span several JSON levels (properties → name → schema); the scan enforces the real limit.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaJson, new JsonDocumentOptions { MaxDepth = (options.MaxSchemaDepth * 4) + 16 });
        }
        catch (JsonException ex)
        {
            throw new SchemaCompilationException("the schema is not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            return Compile(document.RootElement, options, resolver);
        }
    }
}
