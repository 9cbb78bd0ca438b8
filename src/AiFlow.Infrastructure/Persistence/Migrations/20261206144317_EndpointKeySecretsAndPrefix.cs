using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EndpointKeySecretsAndPrefix : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "api_key_secret",
                table: "inference_endpoints",
                type: "text",
                nullable: true);

            // Endpoint keys may come only from AIFLOW_ENDPOINT_KEY_* variables: existing names take the prefix, and the
            // operator renames the variable (e.g. OPENAI_API_KEY becomes AIFLOW_ENDPOINT_KEY_OPENAI_API_KEY).
            migrationBuilder.Sql("""
                UPDATE inference_endpoints
                SET api_key_env_var = 'AIFLOW_ENDPOINT_KEY_' || api_key_env_var
                WHERE api_key_env_var IS NOT NULL AND api_key_env_var <> '' AND api_key_env_var NOT LIKE 'AIFLOW\_ENDPOINT\_KEY\_%'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "api_key_secret",
                table: "inference_endpoints");
        }
    }
}
