using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Media;

/// <summary>
/// Which media a Reviewer may read: media named by a run that has something to review. A run names media by id in its
/// input or in a step's input (the upstream IR), so a derived frame is readable when its source video is named.
/// </summary>
public sealed class MediaReadAccess(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<bool> ReviewerMayReadAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var source = await db.MediaAssets.AsNoTracking().Where(a => a.Id == assetId).Select(a => a.SourceAssetId).FirstOrDefaultAsync(cancellationToken);
        var ids = source is { } s ? new[] { assetId.ToString(), s.ToString() } : [assetId.ToString()];
        var patterns = ids.Select(id => "%" + id + "%").ToArray();
        return await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (
                SELECT 1 FROM review_items ri JOIN pipeline_runs r ON r.id = ri.pipeline_run_id
                WHERE r.input_json::text LIKE ANY ({patterns})
                   OR EXISTS (SELECT 1 FROM step_runs s WHERE s.pipeline_run_id = r.id AND s.input_json::text LIKE ANY ({patterns}))) AS "Value"
            """).SingleAsync(cancellationToken);
    }
}
