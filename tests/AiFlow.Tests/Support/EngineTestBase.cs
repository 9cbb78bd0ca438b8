using System.Globalization;
using AiFlow.Infrastructure;
using AiFlow.Infrastructure.Inference.Simulator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiFlow.Tests.Support;

/// <summary>
/// A fresh database, a simulator and the real engine wired against them for each test (no Quartz: tests call the job
/// body, RunExecutor, directly).
/// </summary>
public abstract class EngineTestBase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected SimulatorServer Simulator { get; private set; } = null!;

    protected IHost Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        Engine = BuildEngine();
    }

    public async Task DisposeAsync()
    {
        Engine.Dispose();
        await Simulator.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>
    /// The engine as the console wires it, against this test's database and simulator. The default heartbeat keeps lease renewals (a
    /// per-second cost, not a per-step one) out of commit counts when a loaded machine makes a run slow.
    /// </summary>
    protected IHost BuildEngine(int? heartbeatSeconds = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:AiFlow"] = Database.ConnectionString;
        builder.Configuration["AiFlow:Inference:AllowedHosts:0"] = new Uri(Simulator.BaseUrl).Authority;
        // Endpoint health and route reloads cost a write or read per second, not per step: on a loaded machine a slow
        // run would count more of them. The engine bench measures them with everything else.
        builder.Configuration["AiFlow:Inference:HealthWriteIntervalMs"] = "60000";
        builder.Configuration["AiFlow:Inference:CatalogCacheMs"] = "60000";
        // The settings poll is a read transaction every 2 s of its own, not the steps': kept out of commit counts like the writers above.
        builder.Configuration["AiFlow:Settings:PollSeconds"] = "60";
        if (heartbeatSeconds is { } seconds) builder.Configuration["AiFlow:Execution:HeartbeatSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.Configuration[key] = value;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddInfrastructure();
        return builder.Build();
    }
}
