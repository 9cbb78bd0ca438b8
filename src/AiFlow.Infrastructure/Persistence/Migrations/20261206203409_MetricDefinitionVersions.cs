using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MetricDefinitionVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "number",
                table: "metric_profiles",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "number",
                table: "metric_definitions",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "metric_definition_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    metric_definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    unit = table.Column<string>(type: "text", nullable: true),
                    direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    function = table.Column<string>(type: "text", nullable: false),
                    parameters_json = table.Column<string>(type: "jsonb", nullable: false),
                    aggregation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    saved_by = table.Column<string>(type: "text", nullable: false),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_definition_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_metric_definition_versions_metric_definitions_metric_defini~",
                        column: x => x.metric_definition_id,
                        principalTable: "metric_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "metric_profile_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    metric_profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    targets = table.Column<string>(type: "jsonb", nullable: false),
                    saved_by = table.Column<string>(type: "text", nullable: false),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_profile_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_metric_profile_versions_metric_profiles_metric_profile_id",
                        column: x => x.metric_profile_id,
                        principalTable: "metric_profiles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_metric_definition_versions_metric_definition_id_number",
                table: "metric_definition_versions",
                columns: new[] { "metric_definition_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_metric_profile_versions_metric_profile_id_number",
                table: "metric_profile_versions",
                columns: new[] { "metric_profile_id", "number" },
                unique: true);

            // Hand-written: every existing definition and profile becomes version 1 of its history, saved by whoever the
            // audit trail says last wrote it (else "system"), when they did (else now).
            migrationBuilder.Sql("""
                INSERT INTO metric_definition_versions (id, metric_definition_id, number, key, name, unit, direction, description, function, parameters_json, aggregation, saved_by, saved_at)
                SELECT gen_random_uuid(), d.id, 1, d.key, d.name, d.unit, d.direction, d.description, d.function, d.parameters_json, d.aggregation,
                       COALESCE(a.user_name, 'system'), COALESCE(a.at, now())
                FROM metric_definitions d
                LEFT JOIN LATERAL (SELECT user_name, at FROM audit_entries WHERE entity_type = 'MetricDefinition' AND entity_id = d.id::text ORDER BY id DESC LIMIT 1) a ON true;
                INSERT INTO metric_profile_versions (id, metric_profile_id, number, key, name, targets, saved_by, saved_at)
                SELECT gen_random_uuid(), p.id, 1, p.key, p.name, p.targets, COALESCE(a.user_name, 'system'), COALESCE(a.at, now())
                FROM metric_profiles p
                LEFT JOIN LATERAL (SELECT user_name, at FROM audit_entries WHERE entity_type = 'MetricProfile' AND entity_id = p.id::text ORDER BY id DESC LIMIT 1) a ON true;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "metric_definition_versions");

            migrationBuilder.DropTable(
                name: "metric_profile_versions");

            migrationBuilder.DropColumn(
                name: "number",
                table: "metric_profiles");

            migrationBuilder.DropColumn(
                name: "number",
                table: "metric_definitions");
        }
    }
}
