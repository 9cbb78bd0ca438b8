using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Schemas.Validation;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.States;
using Npgsql;

namespace AiFlow.Bench;

/// <summary>The engine bench's workloads run by Hangfire, and how it fared (null where a phase was not asked for).</summary>
internal sealed record HangfireFigures(
    double ChainOverheadP50, double ChainOverheadP95, double DiamondMakespanMs, double StepsPerSecondMedian, double StepsPerSecondBest,
    double CommitsPerStep, double ProcessCpuPerStep, double DatabaseCpuPerStep);

/// <summary>
/// The engine's peer (issue 17): the engine bench's three workloads as Hangfire 1.8 jobs on Hangfire.PostgreSql, in the
/// same PostgreSQL database (tables in their own schema, <c>hangfire</c>), each step calling the same simulator with the
/// same structured request and checking the answer against the same IR schema with AiFlow's validator, as a
/// StructuredLlm step does. A step's answer is its job's return value, which Hangfire stores with the Succeeded state:
/// the output is persisted as AiFlow persists its IR. The Hangfire server runs in the bench process (beside the
/// simulator), so its CPU is counted with the simulator's; the engine's figure to compare is worker + simulator.
/// <para>
/// How Hangfire is set up for throughput, following Hangfire's and Hangfire.PostgreSql's documentation:
/// <list type="bullet">
/// <item><c>WorkerCount = 40</c>: one dedicated thread per concurrent job (an async job holds its worker while it
/// awaits), as many as the engine's 40 worker threads, and enough for all 16 branches of the diamond at once.</item>
/// <item>Workers wake on jobs enqueued by their own process at once (Hangfire.PostgreSql signals them when the enqueuing
/// transaction commits), and every job here is enqueued in this process, as with one Hangfire server; so
/// <c>QueuePollInterval</c> (default 15 s) matters only for jobs from elsewhere: 1 s keeps that wait short at 40 idle
/// queries per second. <c>EnableLongPolling</c> (LISTEN/NOTIFY) stays off: tried here, each fetch opened and tore down
/// its own LISTEN connection and every NOTIFY woke all 40 workers, which cost about a second per chain step and some
/// 66 commits per step.</item>
/// <item>The queue is fetched with <c>FOR UPDATE SKIP LOCKED</c>, which Hangfire.PostgreSql does by itself on
/// PostgreSQL 9.5 and newer: workers never wait on each other's locks.</item>
/// <item><c>UseSlidingInvisibilityTimeout</c>: a fetched job stays invisible as long as its server's heartbeat runs,
/// instead of a fixed 30 min timeout, so a crashed worker's job is retried soon without a long-running one being
/// taken twice (what the engine's lease gives).</item>
/// <item><c>UseRecommendedSerializerSettings</c> and <c>UseSimpleAssemblyNameTypeSerializer</c> with compatibility
/// level 1.8: the compact job payload the documentation recommends for new installations.</item>
/// </list>
/// </para>
/// Chains are continuations (<c>ContinueJobWith</c>, only on success), built with the first job scheduled an hour
/// ahead and then requeued, so no step waits for the chain to be written. Hangfire has no fan-in without Hangfire.Pro's
/// batches: the diamond's 16 branches are continuations of the source, and each decrements a counter row in the same
/// database when it is done; the branch that brings it to zero enqueues the sink. That costs one more commit per
/// branch, and unlike the engine's fan-in it is not exactly-once: a branch retried after its decrement would count twice.
/// </summary>
internal static class HangfirePeer
{
    private const string Schema = "hangfire";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<HangfireFigures> RunAsync(string cs, string server, string database, string simulatorUrl, int rounds)
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(cs), new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                PrepareSchemaIfNecessary = true,
                EnableLongPolling = false,
                QueuePollInterval = TimeSpan.FromSeconds(1),
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
            });
        var storage = JobStorage.Current;
        await BenchDatabase.ExecuteAsync(cs, $"CREATE TABLE {Schema}.bench_fan_in (run text PRIMARY KEY, remaining int NOT NULL)");
        HangfireSteps.Configure(simulatorUrl, cs, new BackgroundJobClient(storage));
        var client = new BackgroundJobClient(storage);
        using var hangfire = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 40, Queues = ["default"] }, storage);
        try
        {
            // Warm, as the engine's worker is: JIT tiering of Hangfire, Dapper and Npgsql belongs to start-up, not to a step.
            for (var i = 0; i < EngineBench.WarmUpRounds; i++) await ThroughputRoundAsync(client);
            await ChainAsync(client, 100, 50);
            await DiamondAsync(client, 16, 200);

            var chain = await ChainAsync(client, 100, 50);
            var overheads = new List<double>();
            for (var i = 1; i < chain.Length; i++) overheads.Add(chain[i].Start - chain[i - 1].End + (chain[i].End - chain[i].Start - chain[i].LatencyMs));
            Console.WriteLine($"Hangfire 100-step chain of continuations, 50 ms latency: per-step overhead p50 {EngineBench.Percentile(overheads, 0.5):0.0} ms, p95 {EngineBench.Percentile(overheads, 0.95):0.0} ms");

            var diamond = await DiamondAsync(client, 16, 200);
            var makespan = diamond.Max(s => s.End) - diamond.Min(s => s.Start);
            Console.WriteLine($"Hangfire diamond 1→16→1 (continuations + counter-row fan-in), 200 ms latency: makespan {makespan:0} ms, ratio {makespan / 600:0.00}");

            // Same settling as the engine's phase: backends report their counts within PostgreSQL's idle flush interval.
            await Task.Delay(EngineBench.StatsFlush);
            var commitsBefore = await EngineBench.CommitsAsync(server, database);
            var rates = new List<double>();
            var processCpu = new List<double>();
            var databaseCpu = new List<double>();
            var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
            for (var round = 1; round <= rounds; round++)
            {
                var cpuBefore = (Process: Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds, Database: await BenchDatabase.BackendCpuMsAsync(admin, database));
                var (steps, elapsed) = await ThroughputRoundAsync(client);
                var cpuProcess = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - cpuBefore.Process;
                var cpuDatabase = await BenchDatabase.BackendCpuMsAsync(admin, database) - cpuBefore.Database;
                rates.Add(steps / elapsed.TotalSeconds);
                processCpu.Add(cpuProcess / steps);
                databaseCpu.Add(cpuDatabase / steps);
                Console.WriteLine($"  Hangfire round {round}: {steps / elapsed.TotalSeconds:0} steps/s; CPU per step: Hangfire server + simulator {cpuProcess / steps:0.00} ms, PostgreSQL backends {cpuDatabase / steps:0.00} ms");
            }
            await Task.Delay(EngineBench.StatsFlush);
            // Nothing here polls the database (rounds wait in memory), so every commit is Hangfire's: jobs, states, queue,
            // its heartbeats and housekeeping, and the counter rows.
            var commitsPerStep = (double)(await EngineBench.CommitsAsync(server, database) - commitsBefore) / (rounds * 400);
            Console.WriteLine($"Hangfire 40 concurrent chains × 10 continuations, 0 ms latency, {rounds} rounds: median {EngineBench.Percentile(rates, 0.5):0} steps/s, best {rates.Max():0}; {commitsPerStep:0.00} commits per step incl. job creation and housekeeping");
            return new HangfireFigures(EngineBench.Percentile(overheads, 0.5), EngineBench.Percentile(overheads, 0.95), makespan,
                EngineBench.Percentile(rates, 0.5), rates.Max(), commitsPerStep, EngineBench.Percentile(processCpu, 0.5), EngineBench.Percentile(databaseCpu, 0.5));
        }
        finally
        {
            // Stop the server before the idle phase, so its heartbeats do not count against the engine's idle workers.
            hangfire.SendStop();
            hangfire.WaitForShutdown(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>40 chains of 10 continuations at 0 ms, created concurrently like the engine's 40 runs; steps and wall time.</summary>
    private static async Task<(int Steps, TimeSpan Elapsed)> ThroughputRoundAsync(IBackgroundJobClient client)
    {
        var clock = Stopwatch.StartNew();
        var chains = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => ChainAsync(client, 10, 0))));
        return (chains.Sum(c => c.Length), clock.Elapsed);
    }

    private static async Task<HangfireSteps.Timing[]> ChainAsync(IBackgroundJobClient client, int length, int latencyMs)
    {
        var run = Guid.NewGuid().ToString("N");
        var done = HangfireSteps.Expect(run, length);
        var first = client.Create(() => HangfireSteps.StepAsync(run, "s1", latencyMs), new ScheduledState(TimeSpan.FromHours(1)));
        var parent = first;
        for (var i = 2; i <= length; i++)
        {
            var node = $"s{i}";
            parent = client.ContinueJobWith(parent, () => HangfireSteps.StepAsync(run, node, latencyMs), new EnqueuedState(), JobContinuationOptions.OnlyOnSucceededState);
        }
        client.Requeue(first);
        return await WaitAsync(done);
    }

    private static async Task<HangfireSteps.Timing[]> DiamondAsync(IBackgroundJobClient client, int width, int latencyMs)
    {
        var run = Guid.NewGuid().ToString("N");
        var done = HangfireSteps.Expect(run, width + 2);
        HangfireSteps.AddFanIn(run, width);
        var source = client.Create(() => HangfireSteps.StepAsync(run, "source", latencyMs), new ScheduledState(TimeSpan.FromHours(1)));
        for (var i = 1; i <= width; i++)
        {
            var node = $"w{i}";
            client.ContinueJobWith(source, () => HangfireSteps.BranchAsync(run, node, latencyMs), new EnqueuedState(), JobContinuationOptions.OnlyOnSucceededState);
        }
        client.Requeue(source);
        return await WaitAsync(done);
    }

    private static async Task<HangfireSteps.Timing[]> WaitAsync(Task<HangfireSteps.Timing[]> done) =>
        await done.WaitAsync(Patience).ConfigureAwait(false);
}

/// <summary>
/// The jobs Hangfire runs (public: Hangfire invokes them by reflection from their stored description). Timings are kept
/// in memory for the bench; the step's output goes to Hangfire's storage as the job's result.
/// </summary>
public static class HangfireSteps
{
    private const string IrSchema = """{"type":"object","required":["answer"],"properties":{"answer":{"type":"string"}}}""";
    private static readonly CompiledSchema Ir = JsonSchemaCompiler.Compile(IrSchema);
    private static readonly JsonNode SchemaNode = JsonNode.Parse(IrSchema)!;
    // One HttpClient for every step, as the engine's gateway shares its handler across steps.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly ConcurrentDictionary<string, Run> Runs = new();
    private static string simulator = string.Empty;
    private static string database = string.Empty;
    private static IBackgroundJobClient? client;

    /// <summary>When a step started and ended (ms on one clock) and how long its model call took.</summary>
    public readonly record struct Timing(double Start, double End, double LatencyMs);

    internal static void Configure(string simulatorUrl, string connectionString, IBackgroundJobClient jobs)
    {
        simulator = simulatorUrl;
        database = connectionString;
        client = jobs;
    }

    /// <summary>A task that completes with the run's step timings, in order of start, once <paramref name="steps"/> have ended.</summary>
    internal static Task<Timing[]> Expect(string run, int steps)
    {
        var state = new Run(steps);
        Runs[run] = state;
        return state.Done.Task;
    }

    internal static void AddFanIn(string run, int branches)
    {
        using var connection = new NpgsqlConnection(database);
        connection.Open();
        using var command = new NpgsqlCommand("INSERT INTO hangfire.bench_fan_in (run, remaining) VALUES (@run, @remaining)", connection);
        command.Parameters.AddWithValue("run", run);
        command.Parameters.AddWithValue("remaining", branches);
        command.ExecuteNonQuery();
    }

    public static async Task<string> StepAsync(string run, string node, int latencyMs)
    {
        var start = Now();
        var call = Stopwatch.GetTimestamp();
        var body = new JsonObject
        {
            ["model"] = $"sim-chat@latency={latencyMs}",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Answer about pumps." }),
            ["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = "ir", ["schema"] = SchemaNode.DeepClone() },
            },
        };
        using var response = await Http.PostAsJsonAsync(new Uri(simulator + "/chat/completions"), body).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        string content;
        using (var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync().ConfigureAwait(false)).ConfigureAwait(false))
        {
            content = document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "null";
        }
        var latency = Stopwatch.GetElapsedTime(call).TotalMilliseconds;
        using (var answer = JsonDocument.Parse(content))
        {
            // Enforce, as the engine's step does: an answer off the schema fails the job (and Hangfire retries it).
            if (!Ir.Validate(answer.RootElement).IsValid) throw new InvalidOperationException($"answer off the IR schema: {content}");
        }
        if (Runs.TryGetValue(run, out var state) && state.Add(new Timing(start, Now(), latency))) Runs.TryRemove(run, out _);
        return content;
    }

    /// <summary>A diamond's branch: its step, then the fan-in counter; the last branch enqueues the sink.</summary>
    public static async Task<string> BranchAsync(string run, string node, int latencyMs)
    {
        var output = await StepAsync(run, node, latencyMs).ConfigureAwait(false);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("UPDATE hangfire.bench_fan_in SET remaining = remaining - 1 WHERE run = @run RETURNING remaining", connection);
        command.Parameters.AddWithValue("run", run);
        if ((int)(await command.ExecuteScalarAsync().ConfigureAwait(false))! == 0) client!.Enqueue(() => StepAsync(run, "sink", latencyMs));
        return output;
    }

    private static double Now() => Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;

    private sealed class Run(int steps)
    {
        private readonly List<Timing> timings = new(steps);

        public TaskCompletionSource<Timing[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <returns>Whether that was the run's last step.</returns>
        public bool Add(Timing timing)
        {
            lock (timings)
            {
                timings.Add(timing);
                return timings.Count == steps && Done.TrySetResult([.. timings.OrderBy(t => t.Start)]);
            }
        }
    }
}
