using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Infrastructure.Schemas;

namespace AiFlow.Infrastructure.Runs;

/// <summary>
/// A run's input checked against its pipeline's input schema, compiled once: where a run starts (<see cref="RunLauncher"/>),
/// where a schedule is saved (its input runs at every firing) and in the Start run dialog as the user types. One class, so
/// the three agree on what passes and word a refusal alike.
/// </summary>
public sealed class PipelineInputCheck
{
    /// <summary>The refusal's opening words; <see cref="Describe"/> adds the first error.</summary>
    public const string Mismatch = "The input does not match the pipeline's input schema";

    private readonly CompiledSchema schema;

    private PipelineInputCheck(string schemaJson)
    {
        SchemaJson = schemaJson;
        schema = JsonSchemaCompiler.Compile(schemaJson);
    }

    /// <summary>The schema text this check was compiled from (a caller keeping one check per schema compares it).</summary>
    public string SchemaJson { get; }

    /// <summary>The check for a pipeline's input schema, or null when the pipeline has none (any JSON input is taken).</summary>
    public static PipelineInputCheck? For(string? inputSchemaJson) =>
        string.IsNullOrWhiteSpace(inputSchemaJson) ? null : new PipelineInputCheck(inputSchemaJson);

    /// <summary>What the schema finds wrong with the input; empty when it matches.</summary>
    public IReadOnlyList<IrValidationError> Errors(string inputJson) =>
        IrValidationService.Validate(schema, inputJson, out var errors) ? [] : errors;

    /// <summary>A refusal as one sentence, naming where the first error is ("the input" when it is about the whole).</summary>
    public static string Describe(IReadOnlyList<IrValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0) return Mismatch + ".";
        var first = errors[0];
        return $"{Mismatch}: {(first.InstanceLocation.Length == 0 ? "the input" : first.InstanceLocation)} {first.Message}";
    }

    /// <summary>The JSON pointer of the first error inside a request body whose input is at <paramref name="inputPointer"/>.</summary>
    public static string Pointer(IReadOnlyList<IrValidationError> errors, string inputPointer = "/input")
    {
        ArgumentNullException.ThrowIfNull(errors);
        return inputPointer + (errors.Count > 0 ? errors[0].InstanceLocation : "");
    }
}
