using System.Diagnostics;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.Infrastructure.Evaluation;

/// <summary>
/// What the evaluation crash tests share: a fresh database, a simulator, and worker processes started (and killed) on
/// them, each serving the API with <see cref="ApiKey"/> and scoring in small batches, so a kill falls between commits.
/// </summary>
internal sealed class EvaluationWorkers : IAsyncDisposable
{
    private readonly List<WorkerProcess> workers = [];

    private EvaluationWorkers(TestDatabase database, SimulatorServer simulator, string apiKey)
    {
        Database = database;
        Simulator = simulator;
        ApiKey = apiKey;
    }

    public TestDatabase Database { get; }

    public SimulatorServer Simulator { get; }

    public string ApiKey { get; }

    public static async Task<EvaluationWorkers> StartAsync(string apiKey) =>
        new(await TestDatabase.CreateAsync(), await SimulatorServer.StartAsync(new SimulatorOptions()), apiKey);

    public async Task<(WorkerProcess Worker, Uri Url)> StartWorkerAsync()
    {
        var started = await WorkerProcess.StartListeningAsync(Database.ConnectionString, new Dictionary<string, string>
        {
            ["AiFlow__DemoMode"] = "true",
            ["AIFLOW_DEMO_API_KEY"] = ApiKey,
            ["AiFlow__Inference__AllowedHosts__0"] = new Uri(Simulator.BaseUrl).Authority,
            ["AiFlow__Evaluation__BatchSize"] = "2",
            ["AiFlow__Evaluation__Parallelism"] = "4",
        });
        workers.Add(started.Worker);
        return started;
    }

    /// <summary>Polls <paramref name="condition"/> on a fresh context; a time-out shows the end of every worker's output.</summary>
    public async Task WaitUntilAsync(Func<AiFlowDbContext, Task<bool>> condition, int seconds)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            await using var db = Database.CreateContext();
            if (await condition(db)) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Condition not met within {seconds} s:\n" + string.Join("\n---\n", workers.Select(w => w.Output[^Math.Min(3000, w.Output.Length)..])));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers) await worker.DisposeAsync();
        await Simulator.DisposeAsync();
        await Database.DisposeAsync();
    }
}
