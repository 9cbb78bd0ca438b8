using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using AiFlow.Domain.Common;
using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>
/// Takes documents into a collection: an upload stores every file (bytes and manifest) as a pending document and
/// schedules the job that ingests them, all in one commit; exact duplicates are skipped, and a changed file of a name
/// already there becomes that file's next version. Admins upload, release and delete; Admins and Ops read.
/// </summary>
public sealed class IngestionService(
    IDbContextFactory<AiFlowDbContext> contexts,
    IngestionScheduler scheduler,
    SourceReader sources,
    IOptionsMonitor<IngestionOptions> options,
    TimeProvider clock)
{
    public const int MaxLogLines = 2000;
    private const string What = "collections";

    public async Task<CollectionResult<UploadOutcome>> UploadAsync(string collectionKey, IReadOnlyList<IncomingFile> files, DocumentManifest manifest,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = AdminOnly.Require(user, What);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(manifest);
        var problems = UploadChecks.Files(files, options.CurrentValue).Concat(UploadChecks.Manifest(manifest)).ToList();
        if (problems.Count > 0) return CollectionResult.Invalid<UploadOutcome>(problems);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var collection = await db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Key == collectionKey, cancellationToken);
        if (collection is null) return CollectionResult.NotFound<UploadOutcome>($"There is no collection '{collectionKey}'.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One upload at a time per collection (until its commit): two at once would both miss each other's duplicates and versions.
        var lockKey = BitConverter.ToInt64(collection.Id.ToByteArray(), 8);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
        var incoming = files.Select(f => (File: f, Name: UploadChecks.CleanName(f.FileName), Checksum: Convert.ToHexStringLower(SHA256.HashData(f.Bytes)))).ToList();
        var checksums = incoming.Select(f => f.Checksum).Distinct().ToList();
        var names = incoming.Select(f => f.Name).Distinct().ToList();
        // Retired versions are history: bytes equal to a retired version come back as a new version, not as a duplicate.
        var present = await db.Documents.AsNoTracking()
            .Where(d => d.CollectionId == collection.Id && d.Status != DocumentStatus.Retired && checksums.Contains(d.Checksum))
            .Select(d => new { d.Id, d.Checksum, d.FileName, d.Version }).ToListAsync(cancellationToken);
        var seen = present.GroupBy(d => d.Checksum).ToDictionary(g => g.Key, g => (g.First().Id, $"'{g.First().FileName}' version {g.First().Version}"));
        var latest = (await db.Documents.AsNoTracking().Where(d => d.CollectionId == collection.Id && names.Contains(d.FileName))
                .Select(d => new { d.Id, d.FileName, d.Version }).ToListAsync(cancellationToken))
            .GroupBy(d => d.FileName).ToDictionary(g => g.Key, g => { var top = g.MaxBy(d => d.Version)!; return (top.Id, top.Version); });

        var now = clock.GetUtcNow();
        var job = new IngestionJob { CollectionId = collection.Id, Status = IngestionJobStatus.Queued, CreatedAt = now, CreatedBy = author };
        var stored = new List<StoredDocument>();
        var skipped = new List<SkippedFile>();
        var documents = new List<Document>();
        foreach (var (file, name, checksum) in incoming)
        {
            if (seen.TryGetValue(checksum, out var duplicate))
            {
                skipped.Add(new SkippedFile(name, $"The same bytes are in the collection already as {duplicate.Item2}.", duplicate.Id));
                continue;
            }
            var version = latest.TryGetValue(name, out var previous) ? previous.Version + 1 : 1;
            var document = new Document
            {
                CollectionId = collection.Id, FileName = name, Title = Path.GetFileNameWithoutExtension(name), SourceUri = file.SourceUri ?? Clean(manifest.Source),
                MimeType = "application/octet-stream", Checksum = checksum, SizeBytes = file.Bytes.LongLength, Licence = Clean(manifest.Licence),
                AllowedUses = UploadChecks.Words(manifest.AllowedUses), Tags = UploadChecks.Words(manifest.Tags), Version = version,
                SupersedesId = version > 1 ? previous.Id : null, Status = DocumentStatus.Pending, IngestionJobId = job.Id, CreatedAt = now, CreatedBy = author,
            };
            documents.Add(document);
            db.DocumentContents.Add(new DocumentContent { DocumentId = document.Id, Bytes = file.Bytes });
            seen[checksum] = (document.Id, $"'{name}' version {version} of this upload");
            latest[name] = (document.Id, version);
            stored.Add(new StoredDocument(document.Id, name, version, document.SupersedesId));
        }
        if (documents.Count == 0)
        {
            // Nothing new: no job to run, and nothing was written.
            await transaction.RollbackAsync(cancellationToken);
            return CollectionResult.Ok(new UploadOutcome(null, [], skipped));
        }

        job.FilesTotal = documents.Count;
        db.IngestionJobs.Add(job);
        db.Documents.AddRange(documents);
        db.IngestionLog.AddRange(documents.Select(d => IngestionLogs.Line(job.Id, d.Id, now, "info",
            $"Stored '{d.FileName}' version {d.Version} ({d.SizeBytes:N0} bytes, SHA-256 {d.Checksum[..12]}…){(d.SupersedesId is null ? "" : ", superseding the previous version once ingested")}; queued.")));
        db.IngestionLog.AddRange(skipped.Select(s => IngestionLogs.Line(job.Id, s.DuplicateOfId, now, "info", $"Skipped '{s.FileName}': {s.Reason}")));
        // Documents are not IAudited (their Version is the file's version, not a row version): their creation is written down here.
        db.AuditEntries.AddRange(documents.Select(d => new AuditEntry
        {
            At = now, UserName = AuditScope.UserName, EntityType = nameof(Document), EntityId = d.Id.ToString(), Action = AuditAction.Created,
            After = JsonSerializer.Serialize(new { d.CollectionId, d.FileName, d.Version, d.Checksum, d.SizeBytes, d.SourceUri, d.Licence, d.AllowedUses, d.Tags, d.SupersedesId }),
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CollectionResult.Conflict<UploadOutcome>("/files", "Another upload of a file of the same name committed first; send the files again.");
        }
        await scheduler.ScheduleAndCommitAsync(job.Id, transaction, cancellationToken);
        return CollectionResult.Ok(new UploadOutcome(job.Id, stored, skipped));
    }

    /// <summary>
    /// Ingests files the server reads itself: <paramref name="paths"/> (files or folders under the allow-listed roots) or
    /// <paramref name="urls"/> (fetched through the SSRF guard). Every source is read before anything is stored; one
    /// that cannot be read refuses the whole request, naming it.
    /// </summary>
    public async Task<CollectionResult<UploadOutcome>> IngestSourcesAsync(string collectionKey, IReadOnlyList<string>? paths, IReadOnlyList<string>? urls,
        DocumentManifest manifest, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        if ((paths is null) == (urls is null)) return CollectionResult.Invalid<UploadOutcome>("", "Send either paths (folders or files on the server) or urls, not both and not neither.");
        var given = paths ?? urls!;
        var field = paths is null ? "/urls" : "/paths";
        if (given.Count == 0) return CollectionResult.Invalid<UploadOutcome>(field, $"{field[1..]} is empty: name at least one source.");
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Collections.AnyAsync(c => c.Key == collectionKey, cancellationToken))
            {
                return CollectionResult.NotFound<UploadOutcome>($"There is no collection '{collectionKey}'.");
            }
        }
        var (files, problems) = paths is not null ? sources.ReadPaths(paths) : await sources.FetchAsync(urls!, cancellationToken);
        if (problems.Count > 0) return CollectionResult.Invalid<UploadOutcome>(problems);
        return await UploadAsync(collectionKey, files, manifest, user, cancellationToken);
    }

    /// <summary>
    /// Sends a quarantined document back to ingestion in a job of its own. A near-duplicate released here keeps naming
    /// the document it resembles, and that is how the job knows an Admin let it through.
    /// </summary>
    public async Task<CollectionResult<JobProgress>> ReleaseAsync(string collectionKey, Guid documentId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = AdminOnly.Require(user, What);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var document = await FindAsync(db, collectionKey, documentId, cancellationToken);
        if (document is null) return CollectionResult.NotFound<JobProgress>($"Collection '{collectionKey}' has no document {documentId}.");
        if (document.Status != DocumentStatus.Quarantined)
        {
            return CollectionResult.Conflict<JobProgress>("", $"Only a quarantined document is released; '{document.FileName}' is {document.Status}.");
        }
        var now = clock.GetUtcNow();
        var job = new IngestionJob { CollectionId = document.CollectionId, FilesTotal = 1, CreatedAt = now, CreatedBy = author };
        db.IngestionJobs.Add(job);
        var before = new { document.Status, document.StatusReason };
        document.Status = DocumentStatus.Pending;
        document.StatusReason = $"Released from quarantine by {author} (was: {document.StatusReason})";
        if (document.StatusReason.Length > 4000) document.StatusReason = document.StatusReason[..4000];
        document.IngestionJobId = job.Id;
        db.IngestionLog.Add(IngestionLogs.Line(job.Id, document.Id, now, "info", $"Released from quarantine by {author}; queued again."));
        await db.SaveChangesAsync(cancellationToken);
        await AuditLog.RecordAsync(db, clock, nameof(Document), [document.Id.ToString()], before, new { document.Status, document.StatusReason }, cancellationToken);
        await scheduler.ScheduleAndCommitAsync(job.Id, transaction, cancellationToken);
        return CollectionResult.Ok(JobProgress.Of(job));
    }

    /// <summary>Deletes a document with its bytes and chunks (its log lines stay, as history).</summary>
    public async Task<CollectionResult<Guid>> DeleteAsync(string collectionKey, Guid documentId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var document = await FindAsync(db, collectionKey, documentId, cancellationToken);
        if (document is null) return CollectionResult.NotFound<Guid>($"Collection '{collectionKey}' has no document {documentId}.");
        var before = new { document.FileName, document.Version, document.Status, document.Checksum };
        await db.Documents.Where(d => d.Id == document.Id).ExecuteDeleteAsync(cancellationToken);
        if (document.IngestionJobId is { } jobId)
        {
            db.IngestionLog.Add(IngestionLogs.Line(jobId, document.Id, clock.GetUtcNow(), "info", $"Deleted by {AuditScope.UserName}."));
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), UserName = AuditScope.UserName, EntityType = nameof(Document), EntityId = document.Id.ToString(),
            Action = AuditAction.Deleted, Before = JsonSerializer.Serialize(before),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CollectionResult.Ok(document.Id);
    }

    /// <summary>A page of the collection's documents, newest first; retired versions only when asked for by status.</summary>
    public async Task<DocumentPage?> DocumentsAsync(string collectionKey, DocumentStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var collectionId = await db.Collections.Where(c => c.Key == collectionKey).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (collectionId is null) return null;
        var query = db.Documents.AsNoTracking().Where(d => d.CollectionId == collectionId);
        query = status is { } s ? query.Where(d => d.Status == s) : query.Where(d => d.Status != DocumentStatus.Retired);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new DocumentRow(d.Id, d.FileName, d.Title, d.Version, d.Status, d.StatusReason, d.NearDuplicateOfId,
                db.Documents.Where(o => o.Id == d.NearDuplicateOfId).Select(o => o.FileName).FirstOrDefault(), d.SupersedesId, d.MimeType, d.SizeBytes,
                d.PageCount, d.Language, d.Licence, d.AllowedUses, d.Tags, d.SourceUri, d.Chunks.Count, d.IngestionJobId, d.CreatedAt, d.IngestedAt))
            .ToListAsync(cancellationToken);
        return new DocumentPage(items, total, page, pageSize);
    }

    /// <summary>A job of the collection with its log; null when the collection has no such job.</summary>
    public async Task<JobDetail?> JobAsync(string collectionKey, Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.IngestionJobs.AsNoTracking()
            .FirstOrDefaultAsync(j => j.Id == jobId && db.Collections.Any(c => c.Id == j.CollectionId && c.Key == collectionKey), cancellationToken);
        if (job is null) return null;
        return new JobDetail(JobProgress.Of(job), await LogAsync(db, db.IngestionLog.Where(l => l.JobId == jobId), cancellationToken));
    }

    /// <summary>A document's log across all the jobs that handled it, oldest line first.</summary>
    public async Task<IReadOnlyList<IngestionLogLine>> DocumentLogAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LogAsync(db, db.IngestionLog.Where(l => l.DocumentId == documentId), cancellationToken);
    }

    private static async Task<IReadOnlyList<IngestionLogLine>> LogAsync(AiFlowDbContext db, IQueryable<IngestionLogEntry> lines, CancellationToken cancellationToken)
    {
        var latest = await lines.AsNoTracking().OrderByDescending(l => l.Id).Take(MaxLogLines)
            .Select(l => new IngestionLogLine(l.Id, l.At, l.Level, l.DocumentId, db.Documents.Where(d => d.Id == l.DocumentId).Select(d => d.FileName).FirstOrDefault(), l.Message))
            .ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }

    private static Task<Document?> FindAsync(AiFlowDbContext db, string collectionKey, Guid documentId, CancellationToken cancellationToken) =>
        db.Documents.FirstOrDefaultAsync(d => d.Id == documentId && db.Collections.Any(c => c.Id == d.CollectionId && c.Key == collectionKey), cancellationToken);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
