using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StepRunTextsPartitionedByMonth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "step_text_partitions_created",
                table: "retention_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "step_text_partitions_dropped",
                table: "retention_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The texts move to a table partitioned by month, which EF cannot create (ADR 0038).
            migrationBuilder.Sql(StepRunTextPartitioningSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(StepRunTextPartitioningSql.Down);

            migrationBuilder.DropColumn(
                name: "step_text_partitions_created",
                table: "retention_runs");

            migrationBuilder.DropColumn(
                name: "step_text_partitions_dropped",
                table: "retention_runs");
        }
    }
}
