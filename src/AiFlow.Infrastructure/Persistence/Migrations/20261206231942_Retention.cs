using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written: partitions ai_request_logs by month, keyed by (id, created_at) as the model says (ADR 0038).
            migrationBuilder.Sql(RequestLogPartitioningSql.Up);

            migrationBuilder.CreateTable(
                name: "retention_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    raw_responses = table.Column<long>(type: "bigint", nullable: false),
                    rendered_prompts = table.Column<long>(type: "bigint", nullable: false),
                    ir_artifacts = table.Column<long>(type: "bigint", nullable: false),
                    request_logs = table.Column<long>(type: "bigint", nullable: false),
                    request_log_partitions_dropped = table.Column<int>(type: "integer", nullable: false),
                    request_log_partitions_created = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_retention_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_retention_runs_started_at",
                table: "retention_runs",
                column: "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "retention_runs");

            migrationBuilder.Sql(RequestLogPartitioningSql.Down);
        }
    }
}
