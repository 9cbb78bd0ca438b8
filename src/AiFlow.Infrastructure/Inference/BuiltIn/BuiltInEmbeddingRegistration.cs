using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.BuiltIn;

/// <summary>
/// Once Kestrel has bound, records this console's own address (the SSRF guard lets the gateway reach exactly that
/// loopback host and port) and, in demo mode on a console that serves web, points the seeded "Local MiniLM (CPU)"
/// endpoint at it, as <see cref="ConsoleSimulatorRegistration"/> does for the simulator (the seed assumes port 5080).
/// </summary>
public sealed class BuiltInEmbeddingRegistration(
    IServer server,
    IHostApplicationLifetime lifetime,
    ConsoleSimulatorAddress address,
    IDbContextFactory<AiFlowDbContext> contexts,
    EndpointCatalog catalog,
    IOptions<AiFlowOptions> options,
    IOptions<ExecutionOptions> execution,
    ILogger<BuiltInEmbeddingRegistration> logger) : IHostedService
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
        // The same host and port serve /builtin/v1; setting it twice (the simulator's registration does too) is harmless.
        address.SetFromListeningAddresses(addresses);
        if (address.BaseUrl is not { } own || !options.Value.DemoMode || execution.Value.Role == "worker") return;

        var target = $"http://{own.Authority}{BuiltInEmbeddingModel.Path}";
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var moved = await db.InferenceEndpoints
                .Where(e => e.BaseUrl != target && e.BaseUrl.EndsWith(BuiltInEmbeddingModel.Path)
                    && (e.BaseUrl.StartsWith("http://127.0.0.1:") || e.BaseUrl.StartsWith("http://localhost:")))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.BaseUrl, target), cancellationToken);
            if (moved > 0)
            {
                catalog.Invalidate();
                logger.LogInformation("The built-in embedding endpoint ({Count}) now points at this console: {BaseUrl}", moved, target);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not point the built-in embedding endpoint at {BaseUrl}", target);
        }
    }
}
