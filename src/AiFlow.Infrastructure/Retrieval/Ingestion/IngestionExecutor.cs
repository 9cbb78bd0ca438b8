using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Retrieval.Chunking;
using AiFlow.Domain.Retrieval.Dedup;
using AiFlow.Domain.Retrieval.Embeddings;
using AiFlow.Domain.Retrieval.Extraction;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>
/// The body of an ingestion job: each pending document of the job in turn is extracted, checked for near-duplicates,
/// chunked with its collection's policy, embedded in batches through the gateway and L2-normalised; its chunks, its new
/// status and the job's counters then commit together, and the version it supersedes is retired in the same commit.
/// A document that cannot be ingested is quarantined or failed with the reason and the job goes on with the next.
/// Nothing of a document is written before that commit, so a job resumed after a crash simply starts again with the
/// documents not yet committed, and a document committed once is never ingested twice.
/// </summary>
public sealed partial class IngestionExecutor(
    IDbContextFactory<AiFlowDbContext> contexts,
    IDocumentExtractor extractor,
    ITokenCounter tokens,
    IInferenceGateway gateway,
    IOptionsMonitor<IngestionOptions> options,
    TimeProvider clock,
    ILogger<IngestionExecutor> logger)
{
    private static readonly DocumentStatus[] Open = [DocumentStatus.Pending, DocumentStatus.Ingesting];

    public async Task ExecuteAsync(Guid jobId, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(jobId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or an outage must not leave the job "running" for ever: it fails, saying why.
            LogJobFailed(logger, ex, jobId);
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var now = clock.GetUtcNow();
            await db.IngestionJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, IngestionJobStatus.Failed)
                .SetProperty(j => j.FinishedAt, now), CancellationToken.None);
            db.IngestionLog.Add(IngestionLogs.Line(jobId, null, now, "error", $"The job stopped: {ex.Message}"));
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        Collection collection;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var job = await db.IngestionJobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
            if (job is null || job.Status is IngestionJobStatus.Completed or IngestionJobStatus.Cancelled) return;
            collection = await db.Collections.AsNoTracking().FirstAsync(c => c.Id == job.CollectionId, cancellationToken);
            var now = clock.GetUtcNow();
            db.IngestionLog.Add(IngestionLogs.Line(jobId, null, now, "info", job.StartedAt is null
                ? $"Started on {Environment.MachineName}."
                : $"Resumed on {Environment.MachineName} with the documents not yet committed ({job.FilesDone} of {job.FilesTotal} done)."));
            job.Status = IngestionJobStatus.Running;
            job.StartedAt ??= now;
            await db.SaveChangesAsync(cancellationToken);
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Document? next;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                next = await db.Documents.AsNoTracking().Where(d => d.IngestionJobId == jobId && Open.Contains(d.Status))
                    .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).FirstOrDefaultAsync(cancellationToken);
            }
            if (next is null) break;
            try
            {
                await IngestAsync(collection, jobId, next, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Unexpected (a bug, a broken file the extractor did not foresee): this document fails, the next one is tried.
                LogDocumentFailed(logger, ex, next.Id, jobId);
                await SettleAsync(jobId, next, DocumentStatus.Failed, $"Ingestion failed unexpectedly: {ex.Message}", null, CancellationToken.None);
            }
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            await db.IngestionJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, IngestionJobStatus.Completed)
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
            var job = await db.IngestionJobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken);
            db.IngestionLog.Add(IngestionLogs.Line(jobId, null, now, "info",
                $"Completed: {job.FilesDone} of {job.FilesTotal} files, {job.Pages} pages, {job.Chunks} chunks, {job.Embeddings} embeddings, {job.Errors} errors."));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task IngestAsync(Collection collection, Guid jobId, Document document, CancellationToken cancellationToken)
    {
        byte[] bytes;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Documents.Where(d => d.Id == document.Id && d.Status == DocumentStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Ingesting), cancellationToken);
            bytes = await db.DocumentContents.Where(c => c.DocumentId == document.Id).Select(c => c.Bytes).FirstOrDefaultAsync(cancellationToken) ?? [];
        }
        await LogAsync(jobId, document.Id, "info", $"Extracting '{document.FileName}' version {document.Version} ({bytes.Length:N0} bytes).", cancellationToken);

        ExtractedDocument extracted;
        try
        {
            extracted = extractor.Extract(bytes, document.FileName, cancellationToken);
        }
        catch (DocumentExtractionException ex)
        {
            await SettleAsync(jobId, document, DocumentStatus.Quarantined, ex.Message, null, cancellationToken);
            return;
        }
        await LogAsync(jobId, document.Id, "info",
            $"Extracted {extracted.MimeType}: {extracted.PageCount} page(s), {extracted.Blocks.Count} blocks, language {extracted.Language ?? "unknown"}.", cancellationToken);

        var simHash = SimHash.Compute(string.Join('\n', extracted.Blocks.Select(b => b.Text)));
        var facts = new Facts(extracted, unchecked((long)simHash));
        if (document.NearDuplicateOfId is null)
        {
            if (await NearestDuplicateAsync(collection.Id, document, simHash, cancellationToken) is { } near)
            {
                await SettleAsync(jobId, document, DocumentStatus.Quarantined,
                    $"Near-duplicate of '{near.FileName}' version {near.Version} (SimHash distance {near.Distance} of 64, at most {SimHash.NearDuplicateDistance} counts as near); an Admin may release it.",
                    facts with { NearDuplicateOfId = near.Id }, cancellationToken);
                return;
            }
        }
        else
        {
            await LogAsync(jobId, document.Id, "info", "Released by an Admin: the near-duplicate check is skipped.", cancellationToken);
        }

        var drafts = new HeadingAwareChunker(tokens).Chunk(extracted.Blocks, new ChunkingPolicy(collection.ChunkMaxTokens, collection.ChunkOverlapTokens));
        if (drafts.Count == 0)
        {
            await SettleAsync(jobId, document, DocumentStatus.Quarantined, "The document has no text to index.", facts, cancellationToken);
            return;
        }
        await LogAsync(jobId, document.Id, "info",
            $"Chunked into {drafts.Count} chunk(s) of at most {collection.ChunkMaxTokens} tokens ({drafts.Sum(d => d.Tokens):N0} tokens in all).", cancellationToken);

        var (vectors, model, problem, note) = await EmbedAsync(collection, document, drafts, cancellationToken);
        if (problem is not null)
        {
            await SettleAsync(jobId, document, DocumentStatus.Failed, problem, facts, cancellationToken);
            return;
        }
        await LogAsync(jobId, document.Id, "info", note!, cancellationToken);

        var chunks = drafts.Select((d, i) => new DocumentChunk
        {
            DocumentId = document.Id, CollectionId = collection.Id, Ordinal = d.Ordinal, HeadingPath = string.IsNullOrEmpty(d.HeadingPath) ? null : d.HeadingPath,
            Text = d.Text, PageFrom = d.PageFrom, PageTo = d.PageTo, Tokens = d.Tokens, Embedding = vectors![i], EmbeddingModel = model,
        }).ToList();
        await CommitAsync(jobId, document, facts, chunks, cancellationToken);
    }

    /// <summary>The closest ingested document of another file name within the near-duplicate distance (a new version of the same file is expected to be close).</summary>
    private async Task<NearDuplicate?> NearestDuplicateAsync(Guid collectionId, Document document, ulong simHash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Documents.AsNoTracking()
            .Where(d => d.CollectionId == collectionId && d.Status == DocumentStatus.Ingested && d.SimHash != null && d.FileName != document.FileName)
            .Select(d => new { d.Id, d.FileName, d.Version, d.SimHash }).ToListAsync(cancellationToken);
        return candidates.Select(c => new NearDuplicate(c.Id, c.FileName, c.Version, SimHash.Distance(simHash, unchecked((ulong)c.SimHash!.Value))))
            .Where(c => c.Distance <= SimHash.NearDuplicateDistance).OrderBy(c => c.Distance).ThenBy(c => c.Id).FirstOrDefault();
    }

    /// <summary>Embeds the chunks in batches; a refusal names why (the gateway's error, or vectors not of the collection's dimension).</summary>
    private async Task<(float[][]? Vectors, string? Model, string? Problem, string? Note)> EmbedAsync(Collection collection, Document document,
        IReadOnlyList<ChunkDraft> drafts, CancellationToken cancellationToken)
    {
        var batchSize = options.CurrentValue.EmbeddingBatchSize;
        var vectors = new float[drafts.Count][];
        string? model = null;
        var tokensIn = 0;
        var cost = 0m;
        var batches = 0;
        for (var start = 0; start < drafts.Count; start += batchSize)
        {
            var batch = drafts.Skip(start).Take(batchSize).Select(d => d.Text).ToList();
            var result = await gateway.EmbedAsync(new EmbeddingRequest
            {
                RouteId = collection.EmbeddingRouteId, TaskType = "embedding", Inputs = batch,
                // The same batch of the same document is the same request: a retry after a crash is not charged twice.
                IdempotencyKey = $"ingest-{document.Id:N}-{start / batchSize}",
            }, cancellationToken);
            batches++;
            if (!result.Succeeded) return (null, null, $"Embedding failed: {result.Error}", null);
            if (result.Vectors.Count != batch.Count) return (null, null, $"The embedding endpoint returned {result.Vectors.Count} vectors for {batch.Count} chunks.", null);
            for (var i = 0; i < batch.Count; i++)
            {
                var vector = result.Vectors[i];
                if (vector.Length != collection.Dimensions)
                {
                    return (null, null, $"The embedding model{(result.Model is null ? "" : $" '{result.Model}'")} returned vectors of {vector.Length} dimensions; "
                        + $"collection '{collection.Key}' stores {collection.Dimensions}. Point the collection at a model of that dimension, or make a collection of {vector.Length}.", null);
                }
                vectors[start + i] = VectorNormalization.L2Normalized(vector)
                    ?? throw new InvalidOperationException($"The embedding endpoint returned a vector with no direction (all zeros, NaN or infinite) for chunk {start + i}.");
            }
            model = result.Model ?? model;
            tokensIn += result.TokensIn;
            cost += result.CostUsd;
        }
        return (vectors, model ?? collection.EmbeddingModel, null,
            $"Embedded {drafts.Count} chunk(s) in {batches} batch(es) with {model ?? collection.EmbeddingModel}: {tokensIn:N0} tokens, {cost:0.######} USD.");
    }

    /// <summary>
    /// The document's one commit: its chunks, its facts and Ingested, the job's counters, and the retirement of the version
    /// it supersedes (status Retired, chunks deleted). The status change is conditional: if the document is no longer
    /// open (another node committed it, or an Admin deleted it), nothing is written.
    /// </summary>
    private async Task CommitAsync(Guid jobId, Document document, Facts facts, List<DocumentChunk> chunks, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var title = Cut(string.IsNullOrWhiteSpace(facts.Extracted.Title) ? document.Title : facts.Extracted.Title, 1000);
        var mime = Cut(facts.Extracted.MimeType, 200);
        var claimed = await db.Documents.Where(d => d.Id == document.Id && Open.Contains(d.Status)).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DocumentStatus.Ingested).SetProperty(d => d.StatusReason, (string?)null)
            .SetProperty(d => d.Title, title).SetProperty(d => d.MimeType, mime)
            .SetProperty(d => d.PageCount, facts.Extracted.PageCount).SetProperty(d => d.Language, facts.Extracted.Language)
            .SetProperty(d => d.SimHash, facts.SimHash).SetProperty(d => d.IngestedAt, now), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }
        // Nothing of an open document was written before, so this deletes nothing; it keeps the unique ordinals honest if that ever changes.
        await db.DocumentChunks.Where(k => k.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
        db.DocumentChunks.AddRange(chunks);
        db.IngestionLog.Add(IngestionLogs.Line(jobId, document.Id, now, "info", $"Ingested: {chunks.Count} chunk(s) written."));
        await db.SaveChangesAsync(cancellationToken);
        await db.IngestionJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.FilesDone, j => j.FilesDone + 1).SetProperty(j => j.Pages, j => j.Pages + facts.Extracted.PageCount)
            .SetProperty(j => j.Chunks, j => j.Chunks + chunks.Count).SetProperty(j => j.Embeddings, j => j.Embeddings + chunks.Count), cancellationToken);
        if (document.SupersedesId is { } previous)
        {
            var retired = await db.Documents.Where(d => d.Id == previous && d.Status != DocumentStatus.Retired).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DocumentStatus.Retired).SetProperty(d => d.StatusReason, $"Superseded by version {document.Version}."), cancellationToken);
            if (retired > 0)
            {
                var deleted = await db.DocumentChunks.Where(k => k.DocumentId == previous).ExecuteDeleteAsync(cancellationToken);
                db.IngestionLog.Add(IngestionLogs.Line(jobId, previous, now, "info", $"Retired: superseded by version {document.Version}; {deleted} chunk(s) deleted."));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A document that will not be ingested: its status and reason, what was learnt of it, and the job's counters, in one commit.</summary>
    private async Task SettleAsync(Guid jobId, Document document, DocumentStatus status, string reason, Facts? facts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        reason = Cut(reason, 4000);
        var settled = await db.Documents.Where(d => d.Id == document.Id && Open.Contains(d.Status)).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(d => d.Status, status).SetProperty(d => d.StatusReason, reason);
            if (facts is null) return;
            s.SetProperty(d => d.MimeType, Cut(facts.Extracted.MimeType, 200)).SetProperty(d => d.PageCount, facts.Extracted.PageCount)
                .SetProperty(d => d.SimHash, facts.SimHash);
            if (facts.NearDuplicateOfId is { } near) s.SetProperty(d => d.NearDuplicateOfId, near);
        }, cancellationToken);
        if (settled == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }
        db.IngestionLog.Add(IngestionLogs.Line(jobId, document.Id, clock.GetUtcNow(), status == DocumentStatus.Failed ? "error" : "warning", $"{status}: {reason}"));
        await db.SaveChangesAsync(cancellationToken);
        await db.IngestionJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.FilesDone, j => j.FilesDone + 1).SetProperty(j => j.Errors, j => j.Errors + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task LogAsync(Guid jobId, Guid documentId, string level, string message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.IngestionLog.Add(IngestionLogs.Line(jobId, documentId, clock.GetUtcNow(), level, message));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;

    private sealed record Facts(ExtractedDocument Extracted, long SimHash, Guid? NearDuplicateOfId = null);

    private sealed record NearDuplicate(Guid Id, string FileName, int Version, int Distance);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion job {JobId} failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} of ingestion job {JobId} failed")]
    private static partial void LogDocumentFailed(ILogger logger, Exception exception, Guid documentId, Guid jobId);
}
