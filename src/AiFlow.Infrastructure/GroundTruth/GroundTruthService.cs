using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>
/// Edits (a new version, audited through the example's row), retirement, and JSONL export/import of a scope's ground truth:
/// a step's (scope id = step definition) or a pipeline's (scope id = pipeline definition).
/// </summary>
public sealed class GroundTruthService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock, IrValidationService validation)
{
    public async Task<IReadOnlyList<IrValidationError>> EditAsync(Guid exampleId, string expectedJson, string editor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var example = await db.GroundTruthExamples.Include(e => e.Versions).FirstOrDefaultAsync(e => e.Id == exampleId, cancellationToken);
        if (example is null) return [new IrValidationError("", "", "There is no such example.")];
        var current = example.Versions.OrderByDescending(v => v.Number).First();
        var schema = example.Scope == GroundTruthScope.Step ? await SchemaAsync(db, current.StepVersionId, example.ScopeId, cancellationToken) : null;
        if (!Check(schema, expectedJson, out var errors)) return errors;
        await GroundTruthWriter.AddVersionAsync(db, example.Scope, example.ScopeId, current.StepVersionId, current.InputJson, expectedJson,
            new GroundTruthProvenance { Reviewers = [editor], Source = "edit", PipelineRunId = current.Provenance.PipelineRunId, StepRunId = current.Provenance.StepRunId },
            clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Replaces an example's tags (normalised by <see cref="ExampleTags"/>, audited through its row). False when there is no such example.</summary>
    public async Task<bool> SetTagsAsync(Guid exampleId, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var example = await db.GroundTruthExamples.FirstOrDefaultAsync(e => e.Id == exampleId, cancellationToken);
        if (example is null) return false;
        example.Tags = ExampleTags.Normalize(tags, out var problem) ?? throw new ArgumentException(problem, nameof(tags));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> SetRetiredAsync(Guid exampleId, bool retired, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var example = await db.GroundTruthExamples.FirstOrDefaultAsync(e => e.Id == exampleId, cancellationToken);
        if (example is null) return false;
        example.IsRetired = retired;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>One line per live example whose current version meets its schema: its reference, input, current expected IR and version number.</summary>
    public async Task<string> ExportJsonlAsync(Guid scopeId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.GroundTruthExamples.AsNoTracking()
            .Where(e => (e.Scope == GroundTruthScope.Step || e.Scope == GroundTruthScope.Pipeline) && e.ScopeId == scopeId && !e.IsRetired)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            // A version failing its schema (or not yet checked) stays out until an edit fixes it.
            .SelectMany(e => e.Versions.Where(v => v.Number == e.CurrentVersionNumber && v.SchemaValid == true), (e, v) => new { e.Reference, v.Number, v.InputJson, v.ExpectedIrJson })
            .ToListAsync(cancellationToken);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = new JsonObject
            {
                ["reference"] = row.Reference, ["version"] = row.Number,
                ["input"] = JsonNode.Parse(row.InputJson), ["expected"] = JsonNode.Parse(row.ExpectedIrJson),
            };
            text.Append(line.ToJsonString()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Each line <c>{"input": ..., "expected": ...}</c> into a step's ground truth; expected IR must match the schema of the
    /// step's newest version. An input without the step-input shape (<c>{"input": ..., "ir": {...}}</c>) is a pipeline input
    /// read by a first step, with no upstream IR. All or nothing.
    /// </summary>
    public async Task<ImportResult> ImportJsonlAsync(Guid stepDefinitionId, string jsonl, string importer, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var newest = await db.StepVersions.AsNoTracking().Where(v => v.StepDefinitionId == stepDefinitionId).OrderByDescending(v => v.Number).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(cancellationToken);
        if (newest is null) return new ImportResult(0, ["There is no such step, or it has no version yet."]);
        var schema = await SchemaAsync(db, newest, stepDefinitionId, cancellationToken);
        var errors = new List<string>();
        var lines = new List<(string Input, string Expected)>();
        var number = 0;
        foreach (var raw in jsonl.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(raw);
            }
            catch (JsonException ex)
            {
                errors.Add($"Line {number}: not JSON ({ex.Message})");
                continue;
            }
            if (node is not JsonObject o || !o.ContainsKey("input") || !o.ContainsKey("expected"))
            {
                errors.Add($"Line {number}: expected an object with \"input\" and \"expected\".");
                continue;
            }
            var expected = o["expected"]?.ToJsonString() ?? "null";
            if (!Check(schema, expected, out var invalid))
            {
                errors.AddRange(invalid.Select(e => $"Line {number}: {(e.InstanceLocation.Length == 0 ? "/" : e.InstanceLocation)} {e.Message}"));
                continue;
            }
            var input = o["input"];
            var stepInput = StepInput.PipelineInputOf(input) == input ? StepInput.Compose(input, []) : input;
            lines.Add((stepInput?.ToJsonString() ?? "null", expected));
        }
        if (errors.Count > 0) return new ImportResult(0, errors);
        if (lines.Count == 0) return new ImportResult(0, ["The file has no lines to import."]);
        var now = clock.GetUtcNow();
        foreach (var (input, expected) in lines)
        {
            await GroundTruthWriter.AddVersionAsync(db, GroundTruthScope.Step, stepDefinitionId, newest, input, expected,
                new GroundTruthProvenance { Reviewers = [importer], Source = "import" }, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new ImportResult(lines.Count, []);
    }

    /// <summary>The IR schema of the given step version, or of the step's newest version when none is known.</summary>
    private async Task<CompiledSchema?> SchemaAsync(AiFlowDbContext db, Guid? stepVersionId, Guid stepDefinitionId, CancellationToken cancellationToken)
    {
        var versions = db.StepVersions.AsNoTracking();
        var schemaId = stepVersionId is { } known
            ? await versions.Where(v => v.Id == known).Select(v => v.IrSchemaVersionId).FirstOrDefaultAsync(cancellationToken)
            : await versions.Where(v => v.StepDefinitionId == stepDefinitionId).OrderByDescending(v => v.Number).Select(v => v.IrSchemaVersionId).FirstOrDefaultAsync(cancellationToken);
        return schemaId is { } id ? await validation.GetCompiledAsync(id, cancellationToken) : null;
    }

    private static bool Check(CompiledSchema? schema, string json, out IReadOnlyList<IrValidationError> errors)
    {
        if (schema is not null) return IrValidationService.Validate(schema, json, out errors);
        try
        {
            using var _ = JsonDocument.Parse(json);
            errors = [];
            return true;
        }
        catch (JsonException ex)
        {
            errors = [new IrValidationError("", "", ex.Message)];
            return false;
        }
    }
}
