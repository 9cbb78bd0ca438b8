using System.Collections.Concurrent;
using System.Text.Json;
using AiFlow.Domain.Prompts;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// Per-run caches of what steps read by id, filled by the run's load (prompt versions whole, with their A/B variants, and
/// IR schemas); a miss reads the database once. A duplicate load under concurrency is harmless, so no lock.
/// </summary>
public sealed class RunArtifacts(LoadedRun run, IDbContextFactory<AiFlowDbContext> contexts)
{
    private readonly ConcurrentDictionary<Guid, PromptTemplateVersion> prompts = new(run.Prompts);
    private readonly ConcurrentDictionary<Guid, JsonElement> schemas = new(run.IrSchemas);

    public LoadedRun Run { get; } = run;

    public async Task<PromptTemplateVersion> PromptAsync(Guid id, CancellationToken cancellationToken)
    {
        if (prompts.TryGetValue(id, out var cached)) return cached;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return prompts[id] = await db.PromptTemplateVersions.AsNoTracking().FirstAsync(v => v.Id == id, cancellationToken);
    }

    public async Task<JsonElement> SchemaAsync(Guid id, CancellationToken cancellationToken)
    {
        if (schemas.TryGetValue(id, out var cached)) return cached;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.IrSchemaVersions.AsNoTracking().Where(v => v.Id == id).Select(v => v.SchemaJson).FirstAsync(cancellationToken);
        using var document = JsonDocument.Parse(json);
        return schemas[id] = document.RootElement.Clone();
    }
}
