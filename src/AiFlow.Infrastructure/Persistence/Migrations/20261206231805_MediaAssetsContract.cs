using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MediaAssetsContract : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "storage_path",
                table: "media_assets");

            migrationBuilder.AlterColumn<string>(
                name: "sha256",
                table: "media_assets",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "mime_type",
                table: "media_assets",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "file_name",
                table: "media_assets",
                type: "character varying(255)",
                maxLength: 255,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "media_assets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "derivation",
                table: "media_assets",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "duration_ms",
                table: "media_assets",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "height",
                table: "media_assets",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "media_assets",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "offset_ms",
                table: "media_assets",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "source_asset_id",
                table: "media_assets",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "storage_key",
                table: "media_assets",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "uploaded_by",
                table: "media_assets",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "width",
                table: "media_assets",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_media_assets_source_asset_id",
                table: "media_assets",
                column: "source_asset_id");

            migrationBuilder.AddForeignKey(
                name: "fk_media_assets_media_assets_source_asset_id",
                table: "media_assets",
                column: "source_asset_id",
                principalTable: "media_assets",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_media_assets_media_assets_source_asset_id",
                table: "media_assets");

            migrationBuilder.DropIndex(
                name: "ix_media_assets_source_asset_id",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "derivation",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "duration_ms",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "height",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "offset_ms",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "source_asset_id",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "storage_key",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "uploaded_by",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "width",
                table: "media_assets");

            migrationBuilder.AlterColumn<string>(
                name: "sha256",
                table: "media_assets",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "mime_type",
                table: "media_assets",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AlterColumn<string>(
                name: "file_name",
                table: "media_assets",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(255)",
                oldMaxLength: 255);

            migrationBuilder.AddColumn<string>(
                name: "storage_path",
                table: "media_assets",
                type: "text",
                nullable: false,
                defaultValue: "");
        }
    }
}
