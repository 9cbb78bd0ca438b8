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

/// <summary>Edits (a new version, audited through the example's row), retirement, and JSONL export/import of a step version's ground truth.</summary>
public sealed class GroundTruthService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock, IrValidationService validation)
{
    public async Task<IReadOnlyList<IrValidationError>> EditAsync(Guid exampleId, string expectedJson, string editor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var example = await db.GroundTruthExamples.Include(e => e.Versions).FirstOrDefaultAsync(e => e.Id == exampleId, cancellationToken);
        if (example is null) return [new IrValidationError("", "", "There is no such example.")];
        var schema = await SchemaAsync(db, example.ScopeId, cancellationToken);
        if (!Check(schema, expectedJson, out var errors)) return errors;
        var current = example.Versions.OrderByDescending(v => v.Number).First();
        await GroundTruthWriter.AddVersionAsync(db, example.ScopeId, current.InputJson, expectedJson,
            new GroundTruthProvenance { Reviewers = [editor], Source = "edit", PipelineRunId = current.Provenance.PipelineRunId, StepRunId = current.Provenance.StepRunId },
            clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return [];
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
    public async Task<string> ExportJsonlAsync(Guid stepVersionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.GroundTruthExamples.AsNoTracking()
            .Where(e => e.Scope == GroundTruthScope.StepVersion && e.ScopeId == stepVersionId && !e.IsRetired)
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

    /// <summary>Each line <c>{"input": ..., "expected": ...}</c>; expected IR must match the step version's schema. All or nothing.</summary>
    public async Task<ImportResult> ImportJsonlAsync(Guid stepVersionId, string jsonl, string importer, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.StepVersions.AnyAsync(v => v.Id == stepVersionId, cancellationToken)) return new ImportResult(0, ["There is no such step version."]);
        var schema = await SchemaAsync(db, stepVersionId, cancellationToken);
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
            lines.Add((o["input"]?.ToJsonString() ?? "null", expected));
        }
        if (errors.Count > 0) return new ImportResult(0, errors);
        if (lines.Count == 0) return new ImportResult(0, ["The file has no lines to import."]);
        var now = clock.GetUtcNow();
        foreach (var (input, expected) in lines)
        {
            await GroundTruthWriter.AddVersionAsync(db, stepVersionId, input, expected, new GroundTruthProvenance { Reviewers = [importer], Source = "import" }, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new ImportResult(lines.Count, []);
    }

    private async Task<CompiledSchema?> SchemaAsync(AiFlowDbContext db, Guid stepVersionId, CancellationToken cancellationToken)
    {
        var schemaId = await db.StepVersions.AsNoTracking().Where(v => v.Id == stepVersionId).Select(v => v.IrSchemaVersionId).FirstOrDefaultAsync(cancellationToken);
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
