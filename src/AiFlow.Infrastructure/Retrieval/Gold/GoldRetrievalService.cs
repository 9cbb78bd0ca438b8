using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Domain.Retrieval.Gold;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Retrieval.Gold;

/// <summary>
/// The gold retrieval set: Reviewers and Admins judge the chunks a retrieval step run returned (relevant or not), one
/// row per (step run, chunk), audited like every reviewer action; the judgements of a collection form its gold set, and
/// each retrieval step version that has labelled queries is scored over it with the metric library's recall@k, MRR and
/// nDCG@k (<see cref="RetrievalQualityCalculator"/>).
/// </summary>
public sealed class GoldRetrievalService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    /// <summary>Judges a chunk of a node's step run: the attempt given, else its latest attempt.</summary>
    public async Task<CollectionResult<ChunkLabel>> LabelAsync(Guid runId, string nodeKey, int? attempt, string? chunkId, bool? relevant,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Guid? stepRunId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.PipelineRuns.AnyAsync(r => r.Id == runId, cancellationToken)) return CollectionResult.NotFound<ChunkLabel>($"There is no run {runId}.");
            var attempts = db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId && s.NodeKey == nodeKey);
            if (attempt is { } n) attempts = attempts.Where(s => s.Attempt == n);
            stepRunId = await attempts.OrderByDescending(s => s.Attempt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (stepRunId is null)
        {
            return CollectionResult.NotFound<ChunkLabel>(attempt is { } a
                ? $"Run {runId} has no attempt {a} of step '{nodeKey}'."
                : $"Run {runId} has no step '{nodeKey}'.");
        }
        return await LabelStepRunAsync(runId, stepRunId.Value, chunkId, relevant, user, cancellationToken);
    }

    /// <summary>
    /// Judges <paramref name="chunkId"/> on one step run: refused (nothing saved) unless the step run retrieved it from a
    /// collection that still exists. A second judgement of the same chunk replaces the first; the audit keeps both.
    /// </summary>
    public async Task<CollectionResult<ChunkLabel>> LabelStepRunAsync(Guid runId, Guid stepRunId, string? chunkId, bool? relevant,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var reviewer = RequireReviewer(user);
        chunkId = chunkId?.Trim();
        if (string.IsNullOrEmpty(chunkId)) return CollectionResult.Invalid<ChunkLabel>("/chunkId", "chunkId is required: the id of a chunk the step retrieved.");
        if (relevant is not { } verdict) return CollectionResult.Invalid<ChunkLabel>("/relevant", "relevant is required: true or false.");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var step = await db.StepRuns.AsNoTracking().FirstOrDefaultAsync(s => s.Id == stepRunId && s.PipelineRunId == runId, cancellationToken);
        if (step is null) return CollectionResult.NotFound<ChunkLabel>($"Run {runId} has no step run {stepRunId}.");
        var irJson = await db.IrArtifacts.AsNoTracking().Where(a => a.StepRunId == stepRunId)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Select(a => a.IrJson).FirstOrDefaultAsync(cancellationToken);
        var (query, ranked) = Retrieved(irJson);
        var collectionKey = Text(Parse(step.ParamsJson)?["collection"]);
        if (query is null || collectionKey is null)
        {
            return CollectionResult.Conflict<ChunkLabel>("", $"Step '{step.NodeKey}' (attempt {step.Attempt}) retrieved no chunks to judge.");
        }
        var rank = ranked.IndexOf(chunkId) + 1;
        if (rank == 0)
        {
            return CollectionResult.Invalid<ChunkLabel>("/chunkId",
                $"Chunk '{chunkId}' is not among the {ranked.Count} chunks step '{step.NodeKey}' (attempt {step.Attempt}) retrieved.");
        }
        var collectionId = await db.Collections.AsNoTracking().Where(c => c.Key == collectionKey).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (collectionId is null) return CollectionResult.NotFound<ChunkLabel>($"The step searched collection '{collectionKey}', which no longer exists.");

        var label = await db.GoldRetrievalLabels.FirstOrDefaultAsync(l => l.StepRunId == stepRunId && l.ChunkId == chunkId, cancellationToken);
        if (label is null)
        {
            label = new GoldRetrievalLabel
            {
                CollectionId = collectionId.Value, PipelineRunId = runId, StepRunId = stepRunId, StepVersionId = step.StepVersionId, NodeKey = step.NodeKey,
                Query = query, ChunkId = chunkId, Rank = rank,
            };
            db.GoldRetrievalLabels.Add(label);
        }
        label.Relevant = verdict;
        label.LabelledBy = reviewer;
        label.LabelledAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CollectionResult.Conflict<ChunkLabel>("/chunkId", $"Someone judged chunk '{chunkId}' at the same moment; look again and retry.");
        }
        return CollectionResult.Ok(new ChunkLabel(label.ChunkId, label.Relevant, label.LabelledBy, label.LabelledAt));
    }

    /// <summary>The current judgements of the chunks a node's latest attempt retrieved, by chunk id (what <see cref="LabelAsync"/> judges without an attempt).</summary>
    public async Task<IReadOnlyDictionary<string, ChunkLabel>> LabelsOfNodeAsync(Guid runId, string nodeKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = db.StepRuns.Where(s => s.PipelineRunId == runId && s.NodeKey == nodeKey).OrderByDescending(s => s.Attempt).Select(s => s.Id).Take(1);
        return await db.GoldRetrievalLabels.AsNoTracking().Where(l => latest.Contains(l.StepRunId))
            .ToDictionaryAsync(l => l.ChunkId, l => new ChunkLabel(l.ChunkId, l.Relevant, l.LabelledBy, l.LabelledAt), StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>A collection's gold set, query by query; null when there is no such collection.</summary>
    public async Task<IReadOnlyList<GoldQuery>?> GoldSetAsync(string collectionKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var collectionId = await db.Collections.AsNoTracking().Where(c => c.Key == collectionKey).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (collectionId is null) return null;
        var labels = await db.GoldRetrievalLabels.AsNoTracking().Where(l => l.CollectionId == collectionId)
            .OrderBy(l => l.Query).ThenBy(l => l.LabelledAt).ToListAsync(cancellationToken);
        var gold = RetrievalQualityCalculator.GoldByQuery(labels.Select(Judgement));
        return [.. labels.GroupBy(l => l.Query, StringComparer.Ordinal).Select(g =>
        {
            var relevant = gold[g.Key];
            var judged = g.Select(l => l.ChunkId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            return new GoldQuery(g.Key, relevant, [.. judged.Except(relevant, StringComparer.Ordinal)],
                [.. g.Select(l => new GoldLabelRow(l.ChunkId, l.Relevant, l.Rank, l.PipelineRunId, l.StepRunId, l.NodeKey, l.LabelledBy, l.LabelledAt))]);
        })];
    }

    /// <summary>Recall@k, MRR and nDCG@k per retrieval step version with labelled queries; null when there is no such collection.</summary>
    public async Task<IReadOnlyList<StepVersionQuality>?> QualityAsync(string collectionKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var collectionId = await db.Collections.AsNoTracking().Where(c => c.Key == collectionKey).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (collectionId is null) return null;
        var labels = await db.GoldRetrievalLabels.AsNoTracking().Where(l => l.CollectionId == collectionId).ToListAsync(cancellationToken);
        if (labels.Count == 0) return [];
        var stepRunIds = labels.Select(l => l.StepRunId).Distinct().ToList();
        var steps = await db.StepRuns.AsNoTracking().Where(s => stepRunIds.Contains(s.Id))
            .Select(s => new
            {
                s.Id, s.StepVersionId, RanAt = s.StartedAt ?? s.FinishedAt,
                Ir = db.IrArtifacts.Where(a => a.StepRunId == s.Id).OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Select(a => a.IrJson).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var runs = steps.Select(s =>
        {
            var (query, ranked) = Retrieved(s.Ir);
            // The query a label recorded is the step run's own; the IR is read again only for the full ranking.
            return new LabelledRetrieval(s.StepVersionId, s.Id, query ?? labels.First(l => l.StepRunId == s.Id).Query, s.RanAt ?? DateTimeOffset.MinValue, ranked);
        });
        var quality = RetrievalQualityCalculator.Compute(runs, labels.Select(Judgement));
        var versionIds = quality.Select(q => q.StepVersionId).ToList();
        var names = await db.StepVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Join(db.StepDefinitions, v => v.StepDefinitionId, d => d.Id, (v, d) => new { v.Id, d.Key, v.Number })
            .ToDictionaryAsync(x => x.Id, cancellationToken);
        return [.. quality
            .Select(q => new StepVersionQuality(q.StepVersionId, names.TryGetValue(q.StepVersionId, out var n) ? n.Key : "(deleted step)", n?.Number ?? 0,
                q.LabelledQueries, q.ScoredQueries, q.K, q.RecallAtK, q.Mrr, q.NdcgAtK))
            .OrderBy(q => q.StepKey, StringComparer.Ordinal).ThenBy(q => q.StepVersion)];
    }

    /// <summary>Labelling is a reviewer's action: Reviewers and Admins; checked here, not only by hiding buttons.</summary>
    private static string RequireReviewer(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !(user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Reviewer)))
        {
            throw new UnauthorizedAccessException("Only a Reviewer or an Admin may judge retrieved chunks.");
        }
        return user.Identity.Name ?? "unknown";
    }

    private static RetrievalJudgement Judgement(GoldRetrievalLabel l) => new(l.Query, l.ChunkId, l.Relevant, l.LabelledAt);

    /// <summary>A retrieval IR's query and chunk ids in rank order (see <see cref="RetrievedChunks"/>); no query for any other IR.</summary>
    private static (string? Query, List<string> Ranked) Retrieved(string? irJson)
    {
        if (Parse(irJson) is not JsonObject ir || Text(ir["query"]) is not { } query || ir["chunks"] is not JsonArray chunks) return (null, []);
        return (query, [.. chunks.OfType<JsonObject>().Select(RetrievedChunks.Id).OfType<string>().Distinct(StringComparer.Ordinal)]);
    }

    private static JsonNode? Parse(string? json)
    {
        if (json is null) return null;
        try { return JsonNode.Parse(json); }
        catch (JsonException) { return null; }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
