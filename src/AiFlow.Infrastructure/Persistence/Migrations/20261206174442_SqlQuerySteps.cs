using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SqlQuerySteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sql_query_cache",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    schema_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    question_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sql = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hits = table.Column<int>(type: "integer", nullable: false),
                    last_hit_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sql_query_cache", x => x.id);
                    table.ForeignKey(
                        name: "fk_sql_query_cache_step_versions_step_version_id",
                        column: x => x.step_version_id,
                        principalTable: "step_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sql_query_cache_step_version_id_schema_hash_question_hash",
                table: "sql_query_cache",
                columns: new[] { "step_version_id", "schema_hash", "question_hash" },
                unique: true);

            migrationBuilder.Sql(SqlReaderSql.ReportRuns);
            migrationBuilder.Sql(SqlReaderSql.ReportStepRuns);
            migrationBuilder.Sql(SqlReaderSql.ReaderRole);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlReaderSql.DropViews);

            migrationBuilder.DropTable(
                name: "sql_query_cache");
        }
    }
}
