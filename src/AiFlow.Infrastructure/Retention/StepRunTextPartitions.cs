using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiFlow.Infrastructure.Retention;

/// <summary>
/// The monthly partitions of <c>step_run_texts</c>, the rendered prompts and raw responses of step runs (ADR 0038).
/// A month past the TTL may still hold texts retention must keep (a run that ground truth, feedback, gold labels or an
/// open review points at): dropping it detaches the month, puts those rows back through the parent table (no
/// partition covers their month any more, so they land in the default partition) and drops the rest with the table.
/// </summary>
public sealed class StepRunTextPartitions(IDbContextFactory<AiFlowDbContext> contexts, ILogger<StepRunTextPartitions> logger)
    : MonthlyPartitions(contexts, logger, "step_run_texts")
{
    private const string KeptRow = $"EXISTS (SELECT 1 FROM step_runs s WHERE s.id = x.step_run_id AND NOT ({RetentionSql.Purgeable}))";

    protected override IEnumerable<string> DropStatements(string partition) =>
    [
        $"ALTER TABLE {Table} DETACH PARTITION {partition}",
        $"INSERT INTO {Table} SELECT x.* FROM {partition} x WHERE {KeptRow}",
        $"DROP TABLE {partition}",
    ];

    /// <summary>The raw responses and the rendered prompts that go with the month: those of rows not kept.</summary>
    protected override string CountDropped(string partition) =>
        $"SELECT count(x.raw_response), count(x.rendered_prompt) FROM {partition} x WHERE NOT {KeptRow}";
}
