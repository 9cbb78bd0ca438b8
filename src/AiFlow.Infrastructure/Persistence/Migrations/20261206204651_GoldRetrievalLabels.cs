using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GoldRetrievalLabels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gold_retrieval_labels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    collection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    node_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    query = table.Column<string>(type: "text", nullable: false),
                    chunk_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    relevant = table.Column<bool>(type: "boolean", nullable: false),
                    labelled_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    labelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gold_retrieval_labels", x => x.id);
                    table.ForeignKey(
                        name: "fk_gold_retrieval_labels_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_gold_retrieval_labels_step_runs_step_run_id",
                        column: x => x.step_run_id,
                        principalTable: "step_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_gold_retrieval_labels_collection_id",
                table: "gold_retrieval_labels",
                column: "collection_id");

            migrationBuilder.CreateIndex(
                name: "ix_gold_retrieval_labels_step_run_id_chunk_id",
                table: "gold_retrieval_labels",
                columns: new[] { "step_run_id", "chunk_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gold_retrieval_labels");
        }
    }
}
