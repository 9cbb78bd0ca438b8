using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;
using Pgvector;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RetrievalCollections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing wrote these tables before collections existed; emptying them lets the new columns be required.
            migrationBuilder.Sql("DELETE FROM document_chunks; DELETE FROM documents;");

            migrationBuilder.DropIndex(
                name: "ix_documents_checksum",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_document_chunks_embedding_hnsw",
                table: "document_chunks");

            migrationBuilder.AlterColumn<string>(
                name: "title",
                table: "documents",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "mime_type",
                table: "documents",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "checksum",
                table: "documents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<List<string>>(
                name: "allowed_uses",
                table: "documents",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<Guid>(
                name: "collection_id",
                table: "documents",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "documents",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "file_name",
                table: "documents",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ingested_at",
                table: "documents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ingestion_job_id",
                table: "documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "documents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "licence",
                table: "documents",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "near_duplicate_of_id",
                table: "documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "page_count",
                table: "documents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "sim_hash",
                table: "documents",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "size_bytes",
                table: "documents",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "documents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "documents",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "supersedes_id",
                table: "documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "documents",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "documents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql("ALTER TABLE document_chunks ALTER COLUMN search_vector DROP EXPRESSION;");

            migrationBuilder.AlterColumn<Vector>(
                name: "embedding",
                table: "document_chunks",
                type: "vector",
                nullable: true,
                oldClrType: typeof(Vector),
                oldType: "vector(384)",
                oldNullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "collection_id",
                table: "document_chunks",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "page_from",
                table: "document_chunks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "page_to",
                table: "document_chunks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "tokens",
                table: "document_chunks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "collections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    embedding_route_id = table.Column<Guid>(type: "uuid", nullable: true),
                    embedding_model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    dimensions = table.Column<int>(type: "integer", nullable: false),
                    chunk_max_tokens = table.Column<int>(type: "integer", nullable: false),
                    chunk_overlap_tokens = table.Column<int>(type: "integer", nullable: false),
                    text_search_language = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    default_ef_search = table.Column<int>(type: "integer", nullable: false),
                    rerank_endpoint_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collections", x => x.id);
                    table.ForeignKey(
                        name: "fk_collections_inference_endpoints_rerank_endpoint_id",
                        column: x => x.rerank_endpoint_id,
                        principalTable: "inference_endpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_collections_model_routes_embedding_route_id",
                        column: x => x.embedding_route_id,
                        principalTable: "model_routes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "document_contents",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_contents", x => x.document_id);
                    table.ForeignKey(
                        name: "fk_document_contents_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ingestion_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    collection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    files_total = table.Column<int>(type: "integer", nullable: false),
                    files_done = table.Column<int>(type: "integer", nullable: false),
                    pages = table.Column<int>(type: "integer", nullable: false),
                    chunks = table.Column<int>(type: "integer", nullable: false),
                    embeddings = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingestion_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_ingestion_jobs_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ingestion_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingestion_log", x => x.id);
                    table.ForeignKey(
                        name: "fk_ingestion_log_ingestion_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "ingestion_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_documents_collection_id_checksum",
                table: "documents",
                columns: new[] { "collection_id", "checksum" });

            migrationBuilder.CreateIndex(
                name: "ix_documents_collection_id_file_name_version",
                table: "documents",
                columns: new[] { "collection_id", "file_name", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_collection_id_status",
                table: "documents",
                columns: new[] { "collection_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_documents_ingestion_job_id",
                table: "documents",
                column: "ingestion_job_id");

            migrationBuilder.CreateIndex(
                name: "ix_document_chunks_collection_id",
                table: "document_chunks",
                column: "collection_id");

            migrationBuilder.CreateIndex(
                name: "ix_collections_embedding_route_id",
                table: "collections",
                column: "embedding_route_id");

            migrationBuilder.CreateIndex(
                name: "ix_collections_key",
                table: "collections",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collections_rerank_endpoint_id",
                table: "collections",
                column: "rerank_endpoint_id");

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_jobs_collection_id_created_at",
                table: "ingestion_jobs",
                columns: new[] { "collection_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_log_document_id",
                table: "ingestion_log",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_log_job_id_id",
                table: "ingestion_log",
                columns: new[] { "job_id", "id" });

            migrationBuilder.AddForeignKey(
                name: "fk_document_chunks_collections_collection_id",
                table: "document_chunks",
                column: "collection_id",
                principalTable: "collections",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_documents_collections_collection_id",
                table: "documents",
                column: "collection_id",
                principalTable: "collections",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_documents_ingestion_jobs_ingestion_job_id",
                table: "documents",
                column: "ingestion_job_id",
                principalTable: "ingestion_jobs",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            // The full-text side uses the collection's text-search configuration; a generated column cannot read it.
            migrationBuilder.Sql("""
                CREATE FUNCTION document_chunks_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.search_vector := to_tsvector(
                        (SELECT c.text_search_language FROM collections c WHERE c.id = NEW.collection_id)::regconfig,
                        coalesce(NEW.heading_path, '') || ' ' || NEW.text);
                    RETURN NEW;
                END $$;
                CREATE TRIGGER document_chunks_search_vector BEFORE INSERT OR UPDATE OF text, heading_path ON document_chunks
                    FOR EACH ROW EXECUTE FUNCTION document_chunks_search_vector();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER document_chunks_search_vector ON document_chunks; DROP FUNCTION document_chunks_search_vector();");
            migrationBuilder.Sql("DELETE FROM document_chunks; DELETE FROM documents;");

            migrationBuilder.DropForeignKey(
                name: "fk_document_chunks_collections_collection_id",
                table: "document_chunks");

            migrationBuilder.DropForeignKey(
                name: "fk_documents_collections_collection_id",
                table: "documents");

            migrationBuilder.DropForeignKey(
                name: "fk_documents_ingestion_jobs_ingestion_job_id",
                table: "documents");

            migrationBuilder.DropTable(
                name: "document_contents");

            migrationBuilder.DropTable(
                name: "ingestion_log");

            migrationBuilder.DropTable(
                name: "ingestion_jobs");

            migrationBuilder.DropTable(
                name: "collections");

            migrationBuilder.DropIndex(
                name: "ix_documents_collection_id_checksum",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_collection_id_file_name_version",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_collection_id_status",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_ingestion_job_id",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_document_chunks_collection_id",
                table: "document_chunks");

            migrationBuilder.DropColumn(
                name: "allowed_uses",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "collection_id",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "file_name",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "ingested_at",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "ingestion_job_id",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "language",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "licence",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "near_duplicate_of_id",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "page_count",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "sim_hash",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "size_bytes",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "status",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "status_reason",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "supersedes_id",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "version",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "collection_id",
                table: "document_chunks");

            migrationBuilder.DropColumn(
                name: "page_from",
                table: "document_chunks");

            migrationBuilder.DropColumn(
                name: "page_to",
                table: "document_chunks");

            migrationBuilder.DropColumn(
                name: "tokens",
                table: "document_chunks");

            migrationBuilder.AlterColumn<string>(
                name: "title",
                table: "documents",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.AlterColumn<string>(
                name: "mime_type",
                table: "documents",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "checksum",
                table: "documents",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<Vector>(
                name: "embedding",
                table: "document_chunks",
                type: "vector(384)",
                nullable: true,
                oldClrType: typeof(Vector),
                oldType: "vector",
                oldNullable: true);

            migrationBuilder.AlterColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "document_chunks",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('english', coalesce(heading_path, '') || ' ' || text)",
                stored: true,
                oldClrType: typeof(NpgsqlTsVector),
                oldType: "tsvector",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_checksum",
                table: "documents",
                column: "checksum");

            migrationBuilder.CreateIndex(
                name: "ix_document_chunks_embedding_hnsw",
                table: "document_chunks",
                column: "embedding")
                .Annotation("Npgsql:IndexMethod", "hnsw")
                .Annotation("Npgsql:IndexOperators", new[] { "vector_cosine_ops" });
        }
    }
}
