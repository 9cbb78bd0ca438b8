using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Reviews.Agreement;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Review;

/// <summary>No-tracking reads for the queue page, the review panel and the agreement table.</summary>
public sealed class ReviewQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<Dictionary<ReviewItemStatus, int>> CountsAsync(ReviewListFilter filter, string reviewer, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await filter.Apply(db.ReviewItems.AsNoTracking(), db, reviewer, withStatus: false).GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }

    public async Task<(List<ReviewRow> Rows, int Total)> PageAsync(ReviewListFilter filter, string reviewer, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = filter.Apply(db.ReviewItems.AsNoTracking(), db, reviewer);
        var total = await items.CountAsync(cancellationToken);
        var rows = await items.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Skip(page * pageSize).Take(pageSize)
            .Select(r => new ReviewRow(r.Id, r.NodeKey, db.StepVersions.Where(v => v.Id == r.StepVersionId).Select(v => v.StepDefinition!.Key).FirstOrDefault() ?? "",
                r.Reason, r.ReasonDetail, r.Status, r.DecisionsCount, r.ReviewersNeeded, r.CreatedAt))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    public async Task<ReviewProgress> ProgressAsync(ReviewListFilter filter, string reviewer, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = filter.Apply(db.ReviewItems.AsNoTracking(), db, reviewer, withStatus: false);
        var mine = await items.CountAsync(i => db.ReviewClaims.Any(c => c.ReviewItemId == i.Id && c.ReviewerId == reviewer && c.DecidedAt != null), cancellationToken);
        var open = await items.CountAsync(i => (i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.InReview)
            && !db.ReviewClaims.Any(c => c.ReviewItemId == i.Id && c.ReviewerId == reviewer && c.DecidedAt != null), cancellationToken);
        var completed = await items.CountAsync(i => i.Status == ReviewItemStatus.Completed, cancellationToken);
        var total = await items.CountAsync(cancellationToken);
        return new ReviewProgress(mine, open, completed, total);
    }

    /// <summary>Open items the reviewer cannot claim because other reviewers' live claims hold every slot.</summary>
    public async Task<int> HeldByOthersAsync(ReviewListFilter filter, string reviewer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = filter.Apply(db.ReviewItems.AsNoTracking(), db, reviewer, withStatus: false);
        return await items.CountAsync(i => (i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.InReview)
            && !db.ReviewClaims.Any(c => c.ReviewItemId == i.Id && c.ReviewerId == reviewer && c.ReleasedAt == null)
            && db.ReviewClaims.Count(c => c.ReviewItemId == i.Id && c.ReleasedAt == null && (c.DecidedAt != null || c.LeaseExpiresAt > now)) >= i.ReviewersNeeded,
            cancellationToken);
    }

    public async Task<(List<ReviewOption> Pipelines, List<ReviewOption> Steps)> OptionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pipelines = await db.PipelineDefinitions.AsNoTracking().OrderBy(p => p.Key).Select(p => new ReviewOption(p.Id, p.Key)).ToListAsync(cancellationToken);
        var stepIds = db.ReviewItems.Select(i => i.StepVersionId).Distinct();
        var steps = await db.StepVersions.AsNoTracking().Where(v => stepIds.Contains(v.Id)).OrderBy(v => v.StepDefinition!.Key).ThenBy(v => v.Number)
            .Select(v => new ReviewOption(v.Id, v.StepDefinition!.Key + " v" + v.Number)).ToListAsync(cancellationToken);
        return (pipelines, steps);
    }

    public async Task<ReviewItemDetails?> ItemAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.ReviewItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null) return null;
        var step = await db.StepRuns.AsNoTracking().Include(s => s.Texts).FirstOrDefaultAsync(s => s.Id == item.StepRunId, cancellationToken);
        // What the step read: the pipeline input, and the IR of the nodes upstream of it, shown one panel per node.
        var read = step is null ? null : await StepInputReader.ReadAsync(db, step, cancellationToken);
        var input = read?.PipelineInputJson
            ?? await db.PipelineRuns.AsNoTracking().Where(r => r.Id == item.PipelineRunId).Select(r => r.InputJson).FirstOrDefaultAsync(cancellationToken);
        var stepInput = read is null ? null : JsonNode.Parse(read.StepInputJson);
        // The model's IR is the first artifact; a human-review decision adds a later one.
        var artifact = await db.IrArtifacts.AsNoTracking().Where(a => a.StepRunId == item.StepRunId).OrderBy(a => a.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var version = await db.StepVersions.AsNoTracking().Where(v => v.Id == item.StepVersionId)
            .Select(v => new { Key = v.StepDefinition!.Key, v.LabelSet, v.RatingScale, v.Guidelines, v.BlindReview, v.IrSchemaVersionId }).FirstOrDefaultAsync(cancellationToken);
        var feedback = await db.HumanFeedback.AsNoTracking().Where(f => f.ReviewItemId == id).OrderBy(f => f.CreatedAt)
            .Select(f => new FeedbackSummary(f.Id, f.ReviewerId, f.Decision, f.Labels, f.Rating, f.Comment, f.TimeSpentMs, f.CreatedAt)).ToListAsync(cancellationToken);
        return new ReviewItemDetails(item.Id, item.PipelineRunId, item.NodeKey, version?.Key ?? "", item.StepVersionId, item.Reasons.Count > 0 ? item.Reasons : [item.Reason], item.ReasonDetail, item.Status,
            item.DecisionsCount, item.ReviewersNeeded, input, artifact?.IrJson ?? "{}", artifact?.IsValid ?? true, artifact?.ValidationErrors ?? [],
            version?.LabelSet ?? [], version?.RatingScale ?? 0, version?.Guidelines, version?.BlindReview ?? false, version?.IrSchemaVersionId, feedback)
        {
            RenderedPrompt = step?.Texts.FirstOrDefault()?.RenderedPrompt, Model = step?.Model, LatencyMs = step?.LatencyMs,
            UpstreamIr = [.. StepInput.UpstreamIrOf(stepInput).Select(p => KeyValuePair.Create(p.Key, p.Value?.ToJsonString() ?? "null"))],
        };
    }

    /// <summary>Agreement per step version over its completed multi-reviewer items (Admins only).</summary>
    public async Task<List<StepAgreementRow>> AgreementAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var feedback = await db.HumanFeedback.AsNoTracking().Where(f => f.ReviewItemId != null)
            .Join(db.ReviewItems.Where(i => i.ReviewersNeeded > 1 && (i.Status == ReviewItemStatus.Completed || i.Status == ReviewItemStatus.Escalated)),
                f => f.ReviewItemId, i => i.Id, (f, i) => new { i.StepVersionId, Feedback = f })
            .ToListAsync(cancellationToken);
        var names = await db.StepVersions.AsNoTracking().Select(v => new { v.Id, Key = v.StepDefinition!.Key, v.Number }).ToDictionaryAsync(v => v.Id, cancellationToken);
        return [.. feedback.GroupBy(f => f.StepVersionId).Select(g =>
        {
            var units = g.GroupBy(f => f.Feedback.ReviewItemId).Select(u => (IReadOnlyList<string>)[.. u.OrderBy(f => f.Feedback.CreatedAt).Select(f => ReviewConsensus.Verdict(f.Feedback))]).ToList();
            var result = StepAgreement.Compute(units);
            var name = names.GetValueOrDefault(g.Key);
            return new StepAgreementRow(g.Key, name?.Key ?? "?", name?.Number ?? 0, result.Measure, result.Value, result.Items);
        })];
    }
}
