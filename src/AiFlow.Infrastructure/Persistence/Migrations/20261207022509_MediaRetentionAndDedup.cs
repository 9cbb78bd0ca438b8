using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MediaRetentionAndDedup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "media_assets",
                table: "retention_runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Hand-written: concurrent identical uploads may already have made two live rows for the same bytes, which
            // the unique index below would refuse. Keep the oldest upload of each SHA-256 and mark the others (and what
            // was derived from them) deleted; their bytes stay, the kept asset shares the storage key.
            migrationBuilder.Sql("""
                WITH duplicates AS (
                    SELECT a.id FROM media_assets a
                    WHERE a.deleted_at IS NULL AND a.source_asset_id IS NULL
                      AND EXISTS (SELECT 1 FROM media_assets o
                                  WHERE o.sha256 = a.sha256 AND o.deleted_at IS NULL AND o.source_asset_id IS NULL
                                    AND (o.created_at, o.id) < (a.created_at, a.id)))
                UPDATE media_assets t SET deleted_at = now()
                FROM duplicates d
                WHERE (t.id = d.id OR t.source_asset_id = d.id) AND t.deleted_at IS NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ux_media_assets_live_upload_sha256",
                table: "media_assets",
                column: "sha256",
                unique: true,
                filter: "deleted_at IS NULL AND source_asset_id IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_media_assets_live_upload_sha256",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "media_assets",
                table: "retention_runs");
        }
    }
}
