using System.Security.Claims;
using AiFlow.Domain.Common;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Lifecycle;

/// <summary>
/// Archives and restores pipelines, steps, prompts and IR schemas (ADR 0032). Archiving only hides an item from pickers
/// and palettes: its versions stay, its page opens, and whatever pins one of its versions keeps running. The change is
/// an ordinary update of an audited row, so the audit trail records who archived or restored it. Admins only.
/// </summary>
public sealed class ArchiveService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    private const string What = "archives";

    /// <summary>The item's archive state, or null when there is no such item.</summary>
    public async Task<ArchiveState?> GetAsync(ArchiveKind kind, string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var guid = Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
        var state = kind switch
        {
            ArchiveKind.Pipeline => db.PipelineDefinitions.Where(p => p.Key == id).Select(p => new { p.ArchivedAt, p.ArchivedBy }),
            ArchiveKind.Step => db.StepDefinitions.Where(s => s.Key == id).Select(s => new { s.ArchivedAt, s.ArchivedBy }),
            ArchiveKind.Prompt => db.PromptTemplates.Where(p => p.Id == guid).Select(p => new { p.ArchivedAt, p.ArchivedBy }),
            _ => db.IrSchemas.Where(s => s.Id == guid).Select(s => new { s.ArchivedAt, s.ArchivedBy }),
        };
        var found = await state.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new ArchiveState(found.ArchivedAt is not null, found.ArchivedAt, found.ArchivedBy);
    }

    /// <param name="id">The key of a pipeline or step; the id (a GUID) of a prompt template or IR schema.</param>
    public async Task<SaveResult<ArchiveState>> SetAsync(ArchiveKind kind, string id, bool archive, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = AdminOnly.Require(user, What);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var guid = Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
        IArchivable? item = kind switch
        {
            ArchiveKind.Pipeline => await db.PipelineDefinitions.FirstOrDefaultAsync(p => p.Key == id, cancellationToken),
            ArchiveKind.Step => await db.StepDefinitions.FirstOrDefaultAsync(s => s.Key == id, cancellationToken),
            ArchiveKind.Prompt => await db.PromptTemplates.FirstOrDefaultAsync(p => p.Id == guid, cancellationToken),
            ArchiveKind.IrSchema => await db.IrSchemas.FirstOrDefaultAsync(s => s.Id == guid, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (item is null) return SaveResult.NotFound<ArchiveState>($"There is no {Name(kind)} '{id}'.");
        // Asking twice is not an error: the answer is the state the caller asked for.
        if (archive == item.ArchivedAt is not null) return SaveResult.Ok(State(item));
        if (archive && kind == ArchiveKind.Pipeline && await WhyPipelineStaysAsync(db, id, cancellationToken) is { } refusal)
        {
            return SaveResult.Conflict<ArchiveState>(refusal);
        }
        item.ArchivedAt = archive ? clock.GetUtcNow() : null;
        item.ArchivedBy = archive ? author : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveResult.Conflict<ArchiveState>($"The {Name(kind)} was changed by someone else meanwhile; reload and try again.");
        }
        return SaveResult.Ok(State(item));
    }

    /// <summary>
    /// A schedule would keep starting runs of something nobody can see in the lists: a pipeline with an enabled run
    /// schedule or an evaluation schedule is refused until they are paused or removed. Its active version is no reason
    /// to refuse: runs started by the API keep working.
    /// </summary>
    private static async Task<string?> WhyPipelineStaysAsync(AiFlowDbContext db, string key, CancellationToken cancellationToken)
    {
        var pipeline = await db.PipelineDefinitions.AsNoTracking().Where(p => p.Key == key)
            .Select(p => new { p.CronSchedule, p.SchedulePaused, Evaluation = db.EvaluationSchedules.Any(e => e.PipelineDefinitionId == p.Id) })
            .FirstAsync(cancellationToken);
        var reasons = new List<string>();
        if (pipeline.CronSchedule is not null && !pipeline.SchedulePaused) reasons.Add($"an enabled run schedule ({pipeline.CronSchedule})");
        if (pipeline.Evaluation) reasons.Add("a scheduled evaluation");
        return reasons.Count == 0 ? null
            : $"Pipeline '{key}' has {string.Join(" and ", reasons)}; disable or remove {(reasons.Count == 1 ? "it" : "them")} before archiving, so nothing runs on its own from the archive.";
    }

    private static ArchiveState State(IArchivable item) => new(item.ArchivedAt is not null, item.ArchivedAt, item.ArchivedBy);

    public static string Name(ArchiveKind kind) => kind switch
    {
        ArchiveKind.Pipeline => "pipeline",
        ArchiveKind.Step => "step",
        ArchiveKind.Prompt => "prompt template",
        _ => "IR schema",
    };
}
