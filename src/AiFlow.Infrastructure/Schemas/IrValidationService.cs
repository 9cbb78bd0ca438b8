using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Schemas;

/// <summary>
/// The one place IR and IR schemas are checked, by the engine, the review editor and the API alike: compiles each schema version
/// once (cached by version and options) and applies the step's mode or the global override: the Admin's setting
/// <c>Validation:ModeOverride</c> first, then <c>AiFlow:IrValidation:Mode</c> from the files. Both are read on every call,
/// so a change applies to the next step without a restart.
/// </summary>
public sealed partial class IrValidationService(IDbContextFactory<AiFlowDbContext> contexts, IOptionsMonitor<IrValidationOptions> options,
    IOptionsMonitor<ValidationOptions> overrides)
{
    // Versions are immutable, so a compiled schema can live as long as the process.
    private readonly ConcurrentDictionary<Guid, CompiledSchema> cache = new();

    public ValidationMode EffectiveMode(ValidationMode stepMode) =>
        ValidationOptions.Parse(overrides.CurrentValue.ModeOverride)
        ?? (Enum.TryParse<ValidationMode>(options.CurrentValue.Mode, ignoreCase: true, out var global) ? global : stepMode);

    public async Task<CompiledSchema?> GetCompiledAsync(Guid schemaVersionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(schemaVersionId, out var cached)) return cached;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.IrSchemaVersions.AsNoTracking()
            .Where(v => v.Id == schemaVersionId).Select(v => new { v.SchemaJson, v.AssertFormats }).FirstOrDefaultAsync(cancellationToken);
        if (version is null) return null;
        return cache.GetOrAdd(schemaVersionId, _ => JsonSchemaCompiler.Compile(version.SchemaJson, new SchemaValidationOptions { AssertFormats = version.AssertFormats }));
    }

    public async Task<IrValidationOutcome> ValidateAsync(Guid? schemaVersionId, ValidationMode stepMode, string instanceJson, CancellationToken cancellationToken)
    {
        var mode = EffectiveMode(stepMode);
        if (mode == ValidationMode.Off || schemaVersionId is null) return new IrValidationOutcome(mode, true, []);
        var compiled = await GetCompiledAsync(schemaVersionId.Value, cancellationToken);
        if (compiled is null) return new IrValidationOutcome(mode, false, [new IrValidationError("", "", $"IR schema version {schemaVersionId} does not exist.")]);
        return new IrValidationOutcome(mode, Validate(compiled, instanceJson, out var errors), errors);
    }

    /// <summary>
    /// Validates whatever the step's mode or the global override says: ground truth and reviewers' corrections must meet the
    /// schema even where the model's output is only logged, or an evaluation would score versions against wrong answers.
    /// Without a schema there is nothing to fail.
    /// </summary>
    public async Task<IrValidationOutcome> ValidateStrictlyAsync(Guid? schemaVersionId, string instanceJson, CancellationToken cancellationToken)
    {
        if (schemaVersionId is null) return new IrValidationOutcome(ValidationMode.Enforce, true, []);
        var compiled = await GetCompiledAsync(schemaVersionId.Value, cancellationToken);
        if (compiled is null) return new IrValidationOutcome(ValidationMode.Enforce, false, [new IrValidationError("", "", $"IR schema version {schemaVersionId} does not exist.")]);
        return new IrValidationOutcome(ValidationMode.Enforce, Validate(compiled, instanceJson, out var errors), errors);
    }

    /// <summary>Parses and validates; text that is not JSON is an error at the document root with the parse position.</summary>
    public static bool Validate(CompiledSchema schema, string instanceJson, out IReadOnlyList<IrValidationError> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(instanceJson);
            var result = schema.Validate(document.RootElement);
            errors = result.Errors.Select(e => new IrValidationError(e.InstanceLocation, e.KeywordLocation, e.Message)).ToList();
            return result.IsValid;
        }
        catch (JsonException ex)
        {
            errors = [new IrValidationError("", "", $"The output is not JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {ex.Message}")];
            return false;
        }
    }

    /// <summary>
    /// Checks a schema as the editor and every write do: JSON, then the draft 2020-12 meta-schema, then compilation
    /// (bad regex, unresolvable $ref). Each problem sits at its JSON Pointer inside the schema where one is known.
    /// </summary>
    public static IReadOnlyList<IrValidationError> CheckSchema(string schemaJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaJson);
        }
        catch (JsonException ex)
        {
            return [new IrValidationError("", "", $"The schema is not JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).")];
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            {
                return [new IrValidationError("", "", "The schema must be a JSON object or a boolean.")];
            }
            var meta = MetaSchemaValidator.Validate(root);
            if (!meta.IsValid) return meta.Errors.Select(e => new IrValidationError(e.InstanceLocation, e.KeywordLocation, e.Message)).ToList();
            try
            {
                JsonSchemaCompiler.Compile(root);
                return [];
            }
            catch (SchemaCompilationException ex)
            {
                var rootUri = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()!.TrimEnd('#') : DefaultBaseUri;
                return ex.Problems.Select(p => new IrValidationError(PointerOf(p, rootUri), "", p)).ToList();
            }
        }
    }

    // The compiler's base URI for a schema without $id; its messages name locations as `<uri>#<pointer>`.
    private const string DefaultBaseUri = "https://aiflow.invalid/root-schema.json";

    [GeneratedRegex("`([^`#]*)#(/[^`]*)?`")]
    private static partial Regex LocationInMessage();

    /// <summary>A compile problem names its keyword's location; only one in the root resource is a pointer into this document.</summary>
    private static string PointerOf(string problem, string rootUri)
    {
        var match = LocationInMessage().Match(problem);
        return match.Success && string.Equals(match.Groups[1].Value, rootUri, StringComparison.Ordinal) ? Uri.UnescapeDataString(match.Groups[2].Value) : "";
    }
}
