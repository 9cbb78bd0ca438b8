using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>LISTENs for run progress NOTIFYs from every node of the cluster and feeds them to the local notifier.</summary>
public sealed class RunProgressListener(IDbContextFactory<AiFlowDbContext> contexts, RunProgressNotifier notifier, ILogger<RunProgressListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
        {
            // Its own physical connection: a LISTEN must not be handed to the pool, which does not reset sessions.
            connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var runId)) notifier.Publish(runId);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {EfRunStore.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning("Run progress listener lost its connection ({Message}); reconnecting", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }
}
