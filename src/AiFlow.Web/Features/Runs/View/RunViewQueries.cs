using System.Text.Json.Nodes;
using System.Text.Json;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Privacy;
using AiFlow.Infrastructure.Retrieval.Gold;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>No-tracking reads behind the run page: a light header and step list on every change, full detail for one step.</summary>
public sealed class RunViewQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<RunHeader?> HeaderAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.PipelineRuns.AsNoTracking().Where(r => r.Id == runId)
            .Join(db.PipelineVersions, r => r.PipelineVersionId, v => v.Id, (r, v) => new { Run = r, Version = v })
            .Join(db.PipelineDefinitions, x => x.Version.PipelineDefinitionId, p => p.Id, (x, p) => new { x.Run, x.Version, p.Key })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null) return null;
        var r = row.Run;
        return new RunHeader(r.Id, r.PipelineDefinitionId, row.Key, row.Version.Number, r.Status, r.Trigger, r.InputJson, r.Error,
            r.CreatedAt, r.StartedAt, r.FinishedAt, (long)r.TokensIn + r.TokensOut, r.CostUsd, row.Version.Dag.Nodes);
    }

    public async Task<List<StepSummary>> StepsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId)
            .OrderBy(s => s.StartedAt).ThenBy(s => s.NodeKey).ThenBy(s => s.Attempt)
            .Select(s => new StepSummary(s.Id, s.NodeKey, s.Attempt, s.Status, s.StartedAt, s.FinishedAt, s.LatencyMs,
                (long)s.TokensIn + s.TokensOut, s.CostUsd, s.Model, s.Error))
            .ToListAsync(cancellationToken);
    }

    public async Task<StepInspection?> StepAsync(Guid runId, Guid stepRunId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var s = await db.StepRuns.AsNoTracking().Include(x => x.Texts).FirstOrDefaultAsync(x => x.Id == stepRunId && x.PipelineRunId == runId, cancellationToken);
        if (s is null) return null;
        var artifact = await db.IrArtifacts.AsNoTracking().Where(a => a.StepRunId == stepRunId).OrderByDescending(a => a.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var metrics = await db.MetricResults.AsNoTracking().Where(m => m.StepRunId == stepRunId).OrderBy(m => m.MetricKey)
            .Select(m => new MetricDetails(m.MetricKey, m.Value, m.Target, m.Passed, m.NotApplicableReason)).ToListAsync(cancellationToken);
        var reviews = await db.ReviewItems.AsNoTracking().Where(r => r.StepRunId == stepRunId)
            .Select(r => new ReviewDetails(r.Id, r.Reason.ToString(), r.Status.ToString())).ToListAsync(cancellationToken);
        var links = await db.StepOutputLinks.AsNoTracking().Where(l => l.StepRunId == stepRunId)
            .OrderBy(l => l.TargetType).ThenBy(l => l.Relation).ThenBy(l => l.TargetId)
            .Select(l => new OutputLinkDetails(l.TargetType, l.TargetId, l.Relation)).ToListAsync(cancellationToken);
        var parameters = ParseOrNull(s.ParamsJson);
        var retrieved = RetrievedChunkView.From(artifact?.IrJson);
        var labels = retrieved.Count == 0
            ? new Dictionary<string, ChunkLabel>()
            : await db.GoldRetrievalLabels.AsNoTracking().Where(l => l.StepRunId == stepRunId)
                .ToDictionaryAsync(l => l.ChunkId, l => new ChunkLabel(l.ChunkId, l.Relevant, l.LabelledBy, l.LabelledAt), StringComparer.Ordinal, cancellationToken);
        return new StepInspection(s.Id, s.NodeKey, s.Attempt, s.Status, s.StartedAt, s.FinishedAt, s.LatencyMs, s.Model, s.EndpointName,
            s.TokensIn, s.TokensOut, s.CostUsd, s.Error, s.InputJson, s.ParamsJson, s.Texts.FirstOrDefault()?.RenderedPrompt, s.Texts.FirstOrDefault()?.RawResponse, artifact?.IrJson,
            artifact?.IsValid, artifact?.ValidationErrors ?? [], metrics, reviews, links)
        {
            Prompt = s.PromptTemplateVersionId is { } promptId
                ? await db.PromptTemplateVersions.AsNoTracking().Where(v => v.Id == promptId)
                    .Select(v => db.PromptTemplates.Where(t => t.Id == v.PromptTemplateId).Select(t => t.Key).First() + " v" + v.Number).FirstOrDefaultAsync(cancellationToken)
                : null,
            PromptVariant = s.PromptVariant,
            Redactions = [.. (await RedactionReader.RecordsAsync(db, artifact is null ? [s.Id] : [s.Id, artifact.Id], cancellationToken))
                .Select(r => new RedactionNote(r.Id, RedactionNote.Label(r.EntityType, r.Field), r.Findings, r.SealedOriginal is not null))],
            RetrievalQuery = RetrievedChunkView.QueryOf(artifact?.IrJson),
            Retrieved = retrieved,
            ChunkLabels = labels,
            Collection = Text(parameters?["collection"]),
            Citations = await CitationsAsync(db, runId, stepRunId, Text(parameters?["citations"]), artifact?.IrJson, cancellationToken),
        };
    }

    /// <summary>
    /// The ids a step's IR cites under its <c>citations</c> parameter, each matched with the chunk the run's retrieval
    /// steps returned under that id; an id none returned stays unmatched (the citation check marked the IR invalid).
    /// </summary>
    private static async Task<IReadOnlyList<CitationView>> CitationsAsync(AiFlowDbContext db, Guid runId, Guid stepRunId, string? pointer, string? irJson,
        CancellationToken cancellationToken)
    {
        if (pointer is null || irJson is null) return [];
        IReadOnlyList<string> cited;
        try
        {
            cited = JsonPointerValue.Resolve(JsonNode.Parse(irJson), pointer) is JsonArray ids
                ? [.. ids.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var id) ? id : null).OfType<string>()]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
        if (cited.Count == 0) return [];
        var upstream = await db.IrArtifacts.AsNoTracking()
            .Where(a => a.StepRunId != stepRunId && db.StepRuns.Any(r => r.Id == a.StepRunId && r.PipelineRunId == runId))
            .Select(a => a.IrJson).ToListAsync(cancellationToken);
        var chunks = new Dictionary<string, RetrievedChunkView>(StringComparer.Ordinal);
        foreach (var chunk in upstream.SelectMany(RetrievedChunkView.From)) chunks.TryAdd(chunk.Id, chunk);
        return [.. cited.Select((id, i) => new CitationView(i + 1, id, chunks.GetValueOrDefault(id)))];
    }

    private static JsonNode? ParseOrNull(string json)
    {
        try { return JsonNode.Parse(json); }
        catch (JsonException) { return null; }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
