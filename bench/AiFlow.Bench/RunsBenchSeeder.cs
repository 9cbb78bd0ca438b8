using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Bench;

/// <summary>Seeds runs and step runs with COPY (binary import): catalog rows through EF, the bulk through Npgsql.</summary>
internal sealed class RunsBenchSeeder(string connectionString, DateTimeOffset now)
{
    private static readonly string[] Statuses = ["Completed", "Completed", "Completed", "Completed", "Completed", "Completed", "Completed", "Failed", "Cancelled", "Running"];
    private static readonly string[] Triggers = ["Api", "Console", "Schedule", "Replay"];
    private static readonly string[] Models = ["qwen-72b", "llama-8b", "gpt-4o-mini"];
    private static readonly string[] Endpoints = ["gpu-a", "gpu-b", "azure"];
    private const int StepsPerRun = 10;

    public List<(Guid Pipeline, Guid Version, Guid[] StepVersions)> Pipelines { get; } = [];

    public async Task SeedCatalogAsync(AiFlowDbContext db, int pipelines)
    {
        for (var p = 0; p < pipelines; p++)
        {
            var steps = Enumerable.Range(0, StepsPerRun).Select(i => new StepDefinition { Key = $"bench-{p}-{i}", Name = $"step {i}", Kind = StepKind.Transform }).ToList();
            var versions = steps.Select(s => new StepVersion { StepDefinitionId = s.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = now }).ToList();
            var definition = new PipelineDefinition { Key = $"bench-{p}", Name = $"Bench {p}" };
            var version = new PipelineVersion
            {
                PipelineDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, IsActive = true, CreatedAt = now,
                Dag = new PipelineDag { Nodes = [.. versions.Select((v, i) => new DagNode { Key = $"n{i}", StepVersionId = v.Id, DependsOn = i == 0 ? [] : [$"n{(i - 1) / 2}"] })] },
            };
            db.AddRange(steps);
            db.AddRange(versions);
            db.AddRange(definition, version);
            Pipelines.Add((definition.Id, version.Id, [.. versions.Select(v => v.Id)]));
        }
        await db.SaveChangesAsync();
    }

    public async Task<(long Runs, long Steps, long Artifacts)> SeedRunsAsync(int runs)
    {
        var random = new Random(42);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var runRows = new List<(Guid Id, int Pipeline, DateTime Created, string Status)>(runs);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY pipeline_runs (id, pipeline_definition_id, pipeline_version_id, status, trigger, input_json, created_at, started_at, finished_at, fencing_token, tokens_in, tokens_out, cost_usd) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < runs; i++)
            {
                var p = random.Next(Pipelines.Count);
                var created = now.UtcDateTime.AddSeconds(-random.Next(30 * 24 * 3600));
                var status = Statuses[random.Next(Statuses.Length)];
                var id = Guid.CreateVersion7(new DateTimeOffset(created));
                runRows.Add((id, p, created, status));
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(Pipelines[p].Pipeline, NpgsqlDbType.Uuid);
                await writer.WriteAsync(Pipelines[p].Version, NpgsqlDbType.Uuid);
                await writer.WriteAsync(status, NpgsqlDbType.Varchar);
                await writer.WriteAsync(Triggers[random.Next(Triggers.Length)], NpgsqlDbType.Varchar);
                await writer.WriteAsync($"{{\"customer\":\"customer-{random.Next(50_000)}\",\"ticket\":\"T{i}\",\"text\":\"please help with order {random.Next(1_000_000)}\"}}", NpgsqlDbType.Jsonb);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(created.AddMilliseconds(50), NpgsqlDbType.TimestampTz);
                if (status == "Running") await writer.WriteNullAsync(); else await writer.WriteAsync(created.AddSeconds(5 + random.Next(60)), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
                await writer.WriteAsync(StepsPerRun * 500, NpgsqlDbType.Integer);
                await writer.WriteAsync(StepsPerRun * 200, NpgsqlDbType.Integer);
                await writer.WriteAsync(Math.Round((decimal)random.NextDouble() * 0.5m, 6), NpgsqlDbType.Numeric);
            }
            await writer.CompleteAsync();
        }

        long steps = 0, artifacts = 0;
        var artifactRows = new List<(Guid Step, bool Valid, DateTime At)>();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY step_runs (id, pipeline_run_id, node_key, step_version_id, attempt, status, params_json, model, endpoint_name, tokens_in, tokens_out, cost_usd, latency_ms, idempotency_key, started_at, finished_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var run in runRows)
            {
                var at = run.Created.AddMilliseconds(50);
                for (var s = 0; s < StepsPerRun; s++)
                {
                    var latency = 50 + (int)(random.NextDouble() * random.NextDouble() * 4000);
                    var id = Guid.CreateVersion7();
                    var failed = run.Status == "Failed" && s == StepsPerRun - 1;
                    var model = random.Next(Models.Length);
                    await writer.StartRowAsync();
                    await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(run.Id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync($"n{s}", NpgsqlDbType.Text);
                    await writer.WriteAsync(Pipelines[run.Pipeline].StepVersions[s], NpgsqlDbType.Uuid);
                    await writer.WriteAsync(1, NpgsqlDbType.Integer);
                    await writer.WriteAsync(failed ? "Failed" : "Completed", NpgsqlDbType.Varchar);
                    await writer.WriteAsync("{}", NpgsqlDbType.Jsonb);
                    await writer.WriteAsync(Models[model], NpgsqlDbType.Text);
                    await writer.WriteAsync(Endpoints[model], NpgsqlDbType.Text);
                    await writer.WriteAsync(500, NpgsqlDbType.Integer);
                    await writer.WriteAsync(200, NpgsqlDbType.Integer);
                    await writer.WriteAsync(Math.Round((decimal)random.NextDouble() * 0.05m, 6), NpgsqlDbType.Numeric);
                    await writer.WriteAsync(latency, NpgsqlDbType.Integer);
                    await writer.WriteAsync($"{run.Id:N}:n{s}:1", NpgsqlDbType.Text);
                    await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(at.AddMilliseconds(latency), NpgsqlDbType.TimestampTz);
                    if (s % 5 == 0) artifactRows.Add((id, random.Next(20) != 0, at.AddMilliseconds(latency)));
                    at = at.AddMilliseconds(latency);
                    steps++;
                }
            }
            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY ir_artifacts (id, step_run_id, ir_json, is_valid, validation_errors, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (step, valid, at) in artifactRows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(step, NpgsqlDbType.Uuid);
                await writer.WriteAsync("{\"ok\":true}", NpgsqlDbType.Jsonb);
                await writer.WriteAsync(valid, NpgsqlDbType.Boolean);
                await writer.WriteAsync(valid ? "[]" : "[{\"instanceLocation\":\"/total\",\"keywordLocation\":\"/required\",\"message\":\"total is required\"}]", NpgsqlDbType.Jsonb);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                artifacts++;
            }
            await writer.CompleteAsync();
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection)) await analyze.ExecuteNonQueryAsync();
        return (runRows.Count, steps, artifacts);
    }
}
