using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MetricFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<double>(
                name: "value",
                table: "metric_results",
                type: "double precision",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "double precision");

            migrationBuilder.AddColumn<string>(
                name: "details_json",
                table: "metric_results",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "not_applicable_reason",
                table: "metric_results",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "aggregation",
                table: "metric_definitions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Mean");

            migrationBuilder.AddColumn<string>(
                name: "function",
                table: "metric_definitions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "parameters_json",
                table: "metric_definitions",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            // Metrics named after a library function compute with it; the demo's layout and HTML metrics get theirs. Any
            // other metric keeps an empty function and is stored as not applicable until an Admin gives it one.
            migrationBuilder.Sql("""
                UPDATE metric_definitions SET function = key
                WHERE key IN ('latency_ms','tokens_in','tokens_out','cost_usd','schema_valid','json_coverage','length','regex_match','contains',
                              'not_contains','html_wellformed','span_coverage','span_overlap','exact_match','field_precision','field_recall','field_f1',
                              'numeric_tolerance','string_similarity','rouge_l','label_accuracy','set_f1','citation_precision','citation_recall');
                UPDATE metric_definitions SET function = 'span_coverage', parameters_json = '{"items":"/sections","start":"top","length":"height"}' WHERE key = 'split_coverage';
                UPDATE metric_definitions SET function = 'span_overlap', parameters_json = '{"items":"/sections","start":"top","length":"height"}' WHERE key = 'overlap_ratio';
                UPDATE metric_definitions SET function = 'html_wellformed', parameters_json = '{"pointer":"/html"}' WHERE key = 'html_validity';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "details_json",
                table: "metric_results");

            migrationBuilder.DropColumn(
                name: "not_applicable_reason",
                table: "metric_results");

            migrationBuilder.DropColumn(
                name: "aggregation",
                table: "metric_definitions");

            migrationBuilder.DropColumn(
                name: "function",
                table: "metric_definitions");

            migrationBuilder.DropColumn(
                name: "parameters_json",
                table: "metric_definitions");

            migrationBuilder.AlterColumn<double>(
                name: "value",
                table: "metric_results",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0,
                oldClrType: typeof(double),
                oldType: "double precision",
                oldNullable: true);
        }
    }
}
