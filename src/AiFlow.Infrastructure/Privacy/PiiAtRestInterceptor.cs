using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Privacy;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Infrastructure.Privacy;

/// <summary>
/// Applies the redaction policy to every field that can carry a person's data, in the save that writes it: whatever
/// code path adds or updates a run, a step attempt, an IR artifact, review feedback or a ground-truth version, what
/// reaches PostgreSQL is redacted, with a <see cref="RedactionRecord"/> saying what was taken out (and, when the policy
/// keeps originals, the sealed original) in the same transaction. Bulk <c>ExecuteUpdate</c>s never write these fields.
/// </summary>
public sealed class PiiAtRestInterceptor(PiiRedactor redactor, IServiceProvider services, TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>The stored fields that may hold personal data, and whether each holds JSON (redacted string by string).</summary>
    public static readonly IReadOnlyDictionary<Type, (string Property, bool Json)[]> Fields = new Dictionary<Type, (string, bool)[]>
    {
        [typeof(PipelineRun)] = [(nameof(PipelineRun.InputJson), true), (nameof(PipelineRun.OutputJson), true)],
        [typeof(StepRun)] = [(nameof(StepRun.InputJson), true), (nameof(StepRun.RenderedPrompt), false), (nameof(StepRun.RawResponse), true)],
        [typeof(IrArtifact)] = [(nameof(IrArtifact.IrJson), true)],
        [typeof(HumanFeedback)] = [(nameof(HumanFeedback.CorrectedIrJson), true), (nameof(HumanFeedback.Comment), false)],
        [typeof(GroundTruthVersion)] = [(nameof(GroundTruthVersion.InputJson), true), (nameof(GroundTruthVersion.ExpectedIrJson), true)],
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Redact(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Redact(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Redact(DbContext? context)
    {
        if (context is null) return;
        var policy = redactor.AtRest;
        if (policy.Patterns.Count == 0) return;
        var keep = redactor.Options.KeepOriginals;
        List<RedactionRecord>? records = null;
        var now = clock.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            if (!Fields.TryGetValue(entry.Metadata.ClrType, out var fields)) continue;
            foreach (var (property, json) in fields)
            {
                var value = entry.Property(property);
                if (entry.State == EntityState.Modified && !value.IsModified) continue;
                if (value.CurrentValue is not string text || text.Length == 0) continue;
                var redaction = json ? policy.RedactJson(text) : policy.RedactText(text);
                if (!redaction.Changed) continue;
                value.CurrentValue = redaction.Text;
                (records ??= []).Add(new RedactionRecord
                {
                    EntityType = entry.Metadata.ClrType.Name, EntityId = IdOf(entry), Field = property, Findings = [.. redaction.Findings],
                    SealedOriginal = keep ? services.GetRequiredService<PiiVault>().Seal(text) : null, CreatedAt = now,
                });
            }
        }
        if (records is not null) context.Set<RedactionRecord>().AddRange(records);
    }

    private static Guid IdOf(EntityEntry entry) => (Guid)entry.Property("Id").CurrentValue!;
}
