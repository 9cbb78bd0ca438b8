using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiFlow.Infrastructure.Retention;

/// <summary>
/// The monthly partitions of <c>ai_request_logs</c> (ADR 0038). Nothing points into the table and nothing in it must
/// outlive its TTL, so a month past it is simply dropped.
/// </summary>
public sealed class RequestLogPartitions(IDbContextFactory<AiFlowDbContext> contexts, ILogger<RequestLogPartitions> logger)
    : MonthlyPartitions(contexts, logger, "ai_request_logs")
{
    protected override IEnumerable<string> DropStatements(string partition) => [$"DROP TABLE {partition}"];

    protected override string CountDropped(string partition) => $"SELECT count(*) FROM {partition}";
}
