using System.Globalization;
using AiFlow.Infrastructure;
using AiFlow.Infrastructure.Inference.Simulator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiFlow.Tests.Support;

/// <summary>The real engine as the console wires it (no Quartz: tests call the job body, RunExecutor, directly).</summary>
public static class EngineHost
{
    /// <summary>
    /// Against <paramref name="database"/> and <paramref name="simulator"/>. The default heartbeat keeps lease renewals (a
    /// per-second cost, not a per-step one) out of commit counts when a loaded machine makes a run slow.
    /// </summary>
    public static IHost Build(TestDatabase database, SimulatorServer simulator, int? heartbeatSeconds = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:AiFlow"] = database.ConnectionString;
        builder.Configuration["AiFlow:Inference:AllowedHosts:0"] = new Uri(simulator.BaseUrl).Authority;
        // Endpoint health and route reloads cost a write or read per second, not per step: on a loaded machine a slow
        // run would count more of them. The engine bench measures them with everything else.
        builder.Configuration["AiFlow:Inference:HealthWriteIntervalMs"] = "60000";
        builder.Configuration["AiFlow:Inference:CatalogCacheMs"] = "60000";
        if (heartbeatSeconds is { } seconds) builder.Configuration["AiFlow:Execution:HeartbeatSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddInfrastructure();
        return builder.Build();
    }
}
