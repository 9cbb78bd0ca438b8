using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// Once Kestrel has bound, records where this console serves <c>/sim/v1</c>. In demo mode a console that serves web
/// also points the demo's Simulator endpoints at itself, so the demo runs on any port (the seed assumes 5080).
/// Worker-only nodes never repoint: their port is not one users reach, and they may be killed.
/// </summary>
public sealed class ConsoleSimulatorRegistration(
    IServer server,
    IHostApplicationLifetime lifetime,
    ConsoleSimulatorAddress address,
    IDbContextFactory<AiFlowDbContext> contexts,
    EndpointCatalog catalog,
    IOptions<AiFlowOptions> options,
    IOptions<ExecutionOptions> execution,
    ILogger<ConsoleSimulatorRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = RegisterAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null) return;
        address.SetFromListeningAddresses(addresses);
        if (address.BaseUrl is not { } own || !options.Value.DemoMode || execution.Value.Role == "worker") return;

        try
        {
            var target = own.ToString().TrimEnd('/');
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var moved = await db.InferenceEndpoints
                .Where(e => e.IsSimulator && e.BaseUrl != target && e.BaseUrl.EndsWith(ConsoleSimulatorAddress.Path)
                    && (e.BaseUrl.StartsWith("http://127.0.0.1:") || e.BaseUrl.StartsWith("http://localhost:")))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.BaseUrl, target), cancellationToken);
            if (moved > 0)
            {
                catalog.Invalidate();
                logger.LogInformation("Demo Simulator endpoints ({Count}) now point at this console: {BaseUrl}", moved, target);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not point the demo Simulator endpoints at {BaseUrl}", own);
        }
    }
}
