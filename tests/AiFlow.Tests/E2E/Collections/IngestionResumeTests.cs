using System.Security.Cryptography;
using System.Text;
using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Retrieval.Ingestion;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E.Collections;

/// <summary>
/// The ingestion job's body run by hand with the console's services, on documents written straight to the database (no
/// Quartz trigger, so the console's own workers leave them alone): interrupted mid-way, then run again, and again.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class IngestionResumeTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_job_interrupted_mid_way_resumes_with_the_documents_not_yet_committed_and_never_duplicates_chunks()
    {
        var client = console.ApiClient(ConsoleApp.DemoApiKey);
        var api = new CollectionsApi(console.Database, console.App.BaseAddress, client);
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());
        var (jobId, documentIds) = await AddQueuedJobAsync(key, ("a.md", CollectionsApi.Manual("Alpha", 21, sections: 3)), ("b.md", CollectionsApi.Manual("Beta", 22, sections: 3)),
            ("c.md", CollectionsApi.Manual("Gamma", 23, sections: 3)));
        var services = console.App.Services;
        using var plug = new CancellationTokenSource();
        // Document a embeds in one call (batch size 32 is above its chunk count), so the second call is document b's: the plug is pulled there.
        var interrupting = new InterruptingGateway(services.GetRequiredService<IInferenceGateway>(), plug, failOnCall: 2);
        var crashing = ActivatorUtilities.CreateInstance<IngestionExecutor>(services, (IInferenceGateway)interrupting);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashing.ExecuteAsync(jobId, plug.Token));

        await using (var db = console.Database.CreateContext())
        {
            var statuses = await db.Documents.AsNoTracking().Where(d => d.IngestionJobId == jobId).ToDictionaryAsync(d => d.FileName, d => d.Status);
            Assert.Equal(DocumentStatus.Ingested, statuses["a.md"]);
            Assert.Equal(DocumentStatus.Ingesting, statuses["b.md"]);
            Assert.Equal(DocumentStatus.Pending, statuses["c.md"]);
            Assert.Equal(0, await db.DocumentChunks.CountAsync(c => c.DocumentId == documentIds[1] || c.DocumentId == documentIds[2]));
            var job = await db.IngestionJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((IngestionJobStatus.Running, 1), (job.Status, job.FilesDone));
        }

        var executor = services.GetRequiredService<IngestionExecutor>();
        await executor.ExecuteAsync(jobId, CancellationToken.None);
        int chunksAfterResume;
        await using (var db = console.Database.CreateContext())
        {
            chunksAfterResume = await db.DocumentChunks.CountAsync(c => documentIds.Contains(c.DocumentId));
        }
        // A second delivery of the same job (Quartz recovery after a crash of a node that had finished) changes nothing.
        await executor.ExecuteAsync(jobId, CancellationToken.None);

        await using (var db = console.Database.CreateContext())
        {
            var job = await db.IngestionJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal(IngestionJobStatus.Completed, job.Status);
            Assert.Equal((3, 3, 0), (job.FilesTotal, job.FilesDone, job.Errors));
            Assert.All(await db.Documents.AsNoTracking().Where(d => d.IngestionJobId == jobId).ToListAsync(), d => Assert.Equal(DocumentStatus.Ingested, d.Status));
            var chunks = await db.DocumentChunks.AsNoTracking().Where(c => documentIds.Contains(c.DocumentId)).Select(c => new { c.DocumentId, c.Ordinal }).ToListAsync();
            Assert.Equal(chunks.Count, chunks.Distinct().Count());
            Assert.Equal(job.Chunks, chunks.Count);
            Assert.Equal(job.Embeddings, chunks.Count);
            Assert.Equal(chunksAfterResume, chunks.Count);
            var log = await db.IngestionLog.AsNoTracking().Where(l => l.JobId == jobId).Select(l => l.Message).ToListAsync();
            Assert.Contains(log, m => m.StartsWith("Resumed", StringComparison.Ordinal));
        }
    }

    /// <summary>A job with pending documents, as an upload stores them, but without its Quartz trigger.</summary>
    private async Task<(Guid JobId, Guid[] DocumentIds)> AddQueuedJobAsync(string key, params (string Name, string Text)[] files)
    {
        await using var db = console.Database.CreateContext();
        var collection = await db.Collections.AsNoTracking().SingleAsync(c => c.Key == key);
        var now = DateTimeOffset.UtcNow;
        var job = new IngestionJob { CollectionId = collection.Id, FilesTotal = files.Length, CreatedAt = now, CreatedBy = "test" };
        db.IngestionJobs.Add(job);
        var ids = new List<Guid>();
        for (var i = 0; i < files.Length; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(files[i].Text);
            var document = new Document
            {
                CollectionId = collection.Id, FileName = files[i].Name, Title = files[i].Name, Checksum = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                SizeBytes = bytes.Length, IngestionJobId = job.Id, CreatedAt = now.AddMilliseconds(i), CreatedBy = "test",
            };
            db.Documents.Add(document);
            db.DocumentContents.Add(new DocumentContent { DocumentId = document.Id, Bytes = bytes });
            ids.Add(document.Id);
        }
        await db.SaveChangesAsync();
        return (job.Id, [.. ids]);
    }
}
