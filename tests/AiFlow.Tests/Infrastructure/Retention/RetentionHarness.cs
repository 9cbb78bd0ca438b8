using AiFlow.Domain.Inference;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Dashboards;
using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Retention;
using AiFlow.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiFlow.Tests.Infrastructure.Retention;

/// <summary>A purger over its own test database (a purge touches the whole database), with a policy the test sets.</summary>
internal sealed class RetentionHarness(TestDatabase database) : IAsyncDisposable
{
    public TestDatabase Database { get; } = database;
    public RetentionOptions Options { get; } = new();
    public TestContextFactory Contexts { get; } = new(database);
    public DashboardRollups Rollups => new(Contexts);
    public RequestLogPartitions Partitions => new(Contexts, NullLogger<RequestLogPartitions>.Instance);
    public StepRunTextPartitions Texts => new(Contexts, NullLogger<StepRunTextPartitions>.Instance);

    /// <summary>Media bytes on the file system, in a folder of this harness's own.</summary>
    public string MediaRoot { get; } = Path.Combine(Path.GetTempPath(), "aiflow-retention-media-" + Guid.NewGuid().ToString("N"));

    public FileSystemMediaStorage MediaStorage => new(new MutableOptionsMonitor<MediaOptions>(new MediaOptions { Storage = new MediaStorageOptions { RootPath = MediaRoot } }));

    public RetentionStatusQueries StatusQueries => new(Contexts, Partitions, Texts, new StaticRetentionOptions(Options), TimeProvider.System);

    public static async Task<RetentionHarness> CreateAsync() => new(await TestDatabase.CreateAsync());

    public Task<AiFlow.Domain.Retention.RetentionRun> PurgeAsync() =>
        new RetentionPurger(Contexts, Rollups, Partitions, Texts, MediaStorage, new StaticRetentionOptions(Options), TimeProvider.System, NullLogger<RetentionPurger>.Instance)
            .PurgeAsync(CancellationToken.None);

    /// <summary>A finished run with one completed step that kept its raw response, rendered prompt and valid IR.</summary>
    public static (PipelineRun Run, StepRun Step) FinishedRun((Guid, Guid, Guid StepVersionId) pipeline, DateTimeOffset at,
        StepRunStatus status = StepRunStatus.Completed, int latencyMs = 100, bool irValid = true)
    {
        var run = TestRuns.Run(pipeline, at, status == StepRunStatus.Completed ? RunStatus.Completed : RunStatus.Failed, 0.01m, 10);
        var step = TestRuns.Step(run, pipeline.StepVersionId, "a", status, latencyMs, 0.01m, 10, irValid: irValid);
        step.Texts.Add(new StepRunText { CreatedAt = step.FinishedAt ?? at, RawResponse = "{\"raw\":true}", RenderedPrompt = "Say something" });
        return (run, step);
    }

    public static AiRequestLog RequestLog(DateTimeOffset at) => new()
    {
        EndpointName = "e1", Model = "m1", TaskType = "chat", Status = "ok", TokensIn = 1, TokensOut = 1, LatencyMs = 5, CreatedAt = at,
    };

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (Directory.Exists(MediaRoot)) Directory.Delete(MediaRoot, recursive: true);
    }
}
