using System.Text.Json;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Runs;

/// <summary>
/// Starts runs (console, API, schedule, replay, editor test runs): pins the version, checks the input, writes the run and
/// schedules its job in one commit. Only a test run may pin a draft: that is how the editor tries a graph before publishing it.
/// </summary>
public sealed class RunLauncher(IDbContextFactory<AiFlowDbContext> contexts, RunScheduler scheduler, TimeProvider clock)
{
    public Task<LaunchResult> LaunchAsync(string pipelineKey, string inputJson, RunTrigger trigger, string? requestedBy,
        int? versionNumber, CancellationToken cancellationToken) =>
        LaunchAsync(pipelineKey, inputJson, trigger, requestedBy, new RunOrigin(null, null), versionNumber, cancellationToken);

    /// <param name="origin">The API key that asked for the run, if one did (its spend counts against that key's budgets), and the
    /// caller's importance and cost sensitivity, overriding every step's (null members keep the step's).</param>
    public async Task<LaunchResult> LaunchAsync(string pipelineKey, string inputJson, RunTrigger trigger, string? requestedBy, RunOrigin origin,
        int? versionNumber, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Reads, the run and its job in one transaction: one commit per launch. Nothing here goes on after a failed save, so
        // EF's automatic savepoint around it would only cost two round trips per run.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pipeline = await db.PipelineDefinitions.AsNoTracking().FirstOrDefaultAsync(p => p.Key == pipelineKey, cancellationToken);
        if (pipeline is null) return LaunchResult.Fail(LaunchOutcome.PipelineNotFound, $"There is no pipeline '{pipelineKey}'.");
        var versions = db.PipelineVersions.AsNoTracking().Where(v => v.PipelineDefinitionId == pipeline.Id);
        var version = versionNumber is { } n
            ? await versions.FirstOrDefaultAsync(v => v.Number == n && (v.Status != Domain.Steps.VersionStatus.Draft || trigger == RunTrigger.TestRun), cancellationToken)
            : await versions.FirstOrDefaultAsync(v => v.IsActive, cancellationToken);
        if (version is null)
        {
            return versionNumber is null
                ? LaunchResult.Fail(LaunchOutcome.NoActiveVersion, $"Pipeline '{pipelineKey}' has no active version: publish and activate one first.")
                : LaunchResult.Fail(LaunchOutcome.VersionNotFound, $"Pipeline '{pipelineKey}' has no published version {versionNumber}.");
        }

        if (PipelineInputCheck.For(pipeline.InputSchemaJson) is { } check)
        {
            var errors = check.Errors(inputJson);
            // The sentence stays short here: the API answers every error, and the first one's pointer, beside it.
            if (errors.Count > 0) return LaunchResult.Fail(LaunchOutcome.InvalidInput, PipelineInputCheck.Mismatch + ".", errors);
        }
        else
        {
            try
            {
                using var _ = JsonDocument.Parse(inputJson);
            }
            catch (JsonException ex)
            {
                return LaunchResult.Fail(LaunchOutcome.InvalidInput, $"The input is not JSON: {ex.Message}");
            }
        }

        var run = new PipelineRun
        {
            PipelineDefinitionId = pipeline.Id, PipelineVersionId = version.Id, Status = RunStatus.Queued, Trigger = trigger,
            InputJson = inputJson, RequestedBy = requestedBy, ApiKeyId = origin.ApiKeyId, CreatedAt = clock.GetUtcNow(),
            Importance = origin.Routing?.Importance, CostSensitive = origin.Routing?.CostSensitive,
        };
        db.PipelineRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        // Announced on the run progress channel (delivered at commit) so open run lists show the new run at once.
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Execution.EfRunStore.NotifyChannel}, {run.Id.ToString()})", cancellationToken);
        await scheduler.ScheduleAndCommitAsync(run.Id, transaction, cancellationToken);
        return new LaunchResult(LaunchOutcome.Started, run.Id, null, []);
    }
}
