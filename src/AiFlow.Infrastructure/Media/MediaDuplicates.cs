using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Media;

/// <summary>
/// Identical bytes make one live upload. Writers look for the asset first; two identical uploads that both looked
/// before either saved are stopped by a partial unique index on the SHA-256 of live uploads (derived assets and
/// deleted ones are outside it), and the one that loses answers the winner's asset.
/// </summary>
public static class MediaDuplicates
{
    public const string IndexName = "ux_media_assets_live_upload_sha256";

    /// <summary>The filter of <see cref="IndexName"/>: live assets that were uploaded, not derived.</summary>
    public const string IndexFilter = "deleted_at IS NULL AND source_asset_id IS NULL";

    /// <summary>True when the save failed because a live upload of the same bytes was saved first.</summary>
    public static bool IsClash(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: IndexName };
}
