using Quartz;

namespace AiFlow.Infrastructure.Dashboards;

/// <summary>Every minute, on one node of the Quartz cluster: refresh the dashboard rollups.</summary>
[DisallowConcurrentExecution]
public sealed class DashboardRefreshJob(DashboardRollups rollups) : IJob
{
    public static readonly JobKey Key = new("dashboard-refresh", "aiflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await rollups.RefreshAsync(cancellationToken);
}
