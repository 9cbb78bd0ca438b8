using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReleaseNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "release_notes",
                table: "pipeline_versions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "release_notes",
                table: "pipeline_versions");
        }
    }
}
