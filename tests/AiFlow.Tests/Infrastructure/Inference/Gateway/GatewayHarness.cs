using System.Globalization;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway;

/// <summary>A gateway wired as in the console (real HttpClient stack, real database) against a simulator on a dynamic port.</summary>
public sealed class GatewayHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private GatewayHarness(ServiceProvider services, SimulatorServer simulator, TestDatabase database, CapturingLoggerProvider logs)
    {
        this.services = services;
        Simulator = simulator;
        Database = database;
        Logs = logs;
    }

    public SimulatorServer Simulator { get; }
    public TestDatabase Database { get; }
    public CapturingLoggerProvider Logs { get; }
    public InferenceGateway Gateway => services.GetRequiredService<InferenceGateway>();
    public CircuitStates Circuits => services.GetRequiredService<CircuitStates>();

    /// <summary>The container, for tests that add services around the gateway (e.g. the run engine).</summary>
    public IServiceProvider Services => services;

    public static async Task<GatewayHarness> StartAsync(TestDatabase database, SimulatorOptions? simulatorOptions = null,
        IDictionary<string, string?>? settings = null, bool allowSimulator = true, Action<IServiceCollection>? configure = null)
    {
        var simulator = await SimulatorServer.StartAsync(simulatorOptions ?? new SimulatorOptions());
        var port = new Uri(simulator.RootUrl).Port;
        var config = new Dictionary<string, string?>
        {
            ["AiFlow:Inference:MaxRetries"] = "1",
            ["AiFlow:Inference:RetryBaseDelayMs"] = "20",
            ["AiFlow:Inference:CatalogCacheMs"] = "0",
            ["AiFlow:Inference:HealthWriteIntervalMs"] = "0",
            // These tests read a call's rows right after it returns.
            ["AiFlow:Inference:AwaitAccounting"] = "true",
        };
        if (allowSimulator) config["AiFlow:Inference:AllowedHosts:0"] = "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();

        var logs = new CapturingLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddAiFlowDatabase(database.ConnectionString);
        collection.AddInferenceGateway(configuration);
        configure?.Invoke(collection);
        return new GatewayHarness(collection.BuildServiceProvider(), simulator, database, logs);
    }

    public async Task<InferenceEndpoint> AddEndpointAsync(string name, string model = "sim-chat", Action<InferenceEndpoint>? configure = null)
    {
        var endpoint = new InferenceEndpoint
        {
            Name = name + "-" + Guid.NewGuid().ToString("N")[..6],
            Kind = EndpointKind.Chat,
            Provider = EndpointProvider.OpenAiCompatible,
            BaseUrl = Simulator.BaseUrl,
            Model = model,
            TimeoutMs = 5_000,
            MaxConcurrency = 8,
            PricePer1MInputTokens = 1m,
            PricePer1MOutputTokens = 2m,
        };
        configure?.Invoke(endpoint);
        await using var db = Database.CreateContext();
        db.InferenceEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        return endpoint;
    }

    public async Task<string> AddRouteAsync(params InferenceEndpoint[] chain)
    {
        var taskType = "task-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = Database.CreateContext();
        db.ModelRoutes.Add(new ModelRoute { Name = taskType, TaskType = taskType, EndpointChain = [.. chain.Select(e => e.Id)] });
        await db.SaveChangesAsync();
        return taskType;
    }

    public async Task<List<AiRequestLog>> RowsForAsync(string idempotencyKey)
    {
        await using var db = Database.CreateContext();
        return await db.AiRequestLogs.AsNoTracking().Where(r => r.IdempotencyKey == idempotencyKey).OrderBy(r => r.CreatedAt).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
