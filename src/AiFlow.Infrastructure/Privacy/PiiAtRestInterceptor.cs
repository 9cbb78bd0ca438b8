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
        [typeof(StepRun)] = [(nameof(StepRun.InputJson), true)],
        [typeof(StepRunText)] = [(nameof(StepRunText.RenderedPrompt), false), (nameof(StepRunText.RawResponse), true)],
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
        if (redactor.AtRest.Patterns.Count == 0) return;
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
                if (value.CurrentValue is not string text) continue;
                var (entityType, id) = RecordedAs(entry);
                if (Redact(entityType, id, property, json, text, now) is not { } redacted) continue;
                value.CurrentValue = redacted.Text;
                (records ??= []).Add(redacted.Record);
            }
        }
        if (records is not null) context.Set<RedactionRecord>().AddRange(records);
    }

    /// <summary>
    /// One field's text as a save stores it, and the record of what was taken out; null when the policy takes nothing.
    /// For a writer that stores one of <see cref="Fields"/> in its own statement (ADR 0041): it stores the text returned
    /// and adds the record in the same transaction.
    /// </summary>
    public (string Text, RedactionRecord Record)? Redact(string entityType, Guid entityId, string property, bool json, string text, DateTimeOffset now)
    {
        var policy = redactor.AtRest;
        if (policy.Patterns.Count == 0 || text.Length == 0) return null;
        var redaction = json ? policy.RedactJson(text) : policy.RedactText(text);
        if (!redaction.Changed) return null;
        return (redaction.Text, new RedactionRecord
        {
            EntityType = entityType, EntityId = entityId, Field = property, Findings = [.. redaction.Findings],
            SealedOriginal = redactor.Options.KeepOriginals ? services.GetRequiredService<PiiVault>().Seal(text) : null, CreatedAt = now,
        });
    }

    /// <summary>
    /// What a redaction record names: the entity and its id. A step run's texts live in a table of their own (ADR 0038)
    /// but are the step run's fields to a reader, so their records name the step run.
    /// </summary>
    private static (string EntityType, Guid Id) RecordedAs(EntityEntry entry) => entry.Entity is StepRunText text
        ? (nameof(StepRun), text.StepRunId)
        : (entry.Metadata.ClrType.Name, (Guid)entry.Property("Id").CurrentValue!);
}
