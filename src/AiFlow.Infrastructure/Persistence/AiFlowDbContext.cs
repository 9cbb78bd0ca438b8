using AiFlow.Domain.Access;
using AiFlow.Domain.Budgets;
using AiFlow.Domain.Common;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Media;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Privacy;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Retention;
using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Retrieval.Gold;
using AiFlow.Domain.Retrieval.Sql;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Settings;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Persistence;

public class AiFlowDbContext(DbContextOptions<AiFlowDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<StepDefinition> StepDefinitions => Set<StepDefinition>();
    public DbSet<StepVersion> StepVersions => Set<StepVersion>();
    public DbSet<IrSchema> IrSchemas => Set<IrSchema>();
    public DbSet<IrSchemaVersion> IrSchemaVersions => Set<IrSchemaVersion>();
    public DbSet<PipelineDefinition> PipelineDefinitions => Set<PipelineDefinition>();
    public DbSet<PipelineVersion> PipelineVersions => Set<PipelineVersion>();
    public DbSet<PipelineRun> PipelineRuns => Set<PipelineRun>();
    public DbSet<StepRun> StepRuns => Set<StepRun>();
    public DbSet<StepRunText> StepRunTexts => Set<StepRunText>();
    public DbSet<IrArtifact> IrArtifacts => Set<IrArtifact>();
    public DbSet<StepOutputLink> StepOutputLinks => Set<StepOutputLink>();
    public DbSet<MetricDefinition> MetricDefinitions => Set<MetricDefinition>();
    public DbSet<MetricProfile> MetricProfiles => Set<MetricProfile>();
    public DbSet<MetricDefinitionVersion> MetricDefinitionVersions => Set<MetricDefinitionVersion>();
    public DbSet<MetricProfileVersion> MetricProfileVersions => Set<MetricProfileVersion>();
    public DbSet<MetricResult> MetricResults => Set<MetricResult>();
    public DbSet<InferenceEndpoint> InferenceEndpoints => Set<InferenceEndpoint>();
    public DbSet<ModelRoute> ModelRoutes => Set<ModelRoute>();
    public DbSet<AiRequestLog> AiRequestLogs => Set<AiRequestLog>();
    public DbSet<PromptTemplate> PromptTemplates => Set<PromptTemplate>();
    public DbSet<PromptTemplateVersion> PromptTemplateVersions => Set<PromptTemplateVersion>();
    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();
    public DbSet<ReviewClaim> ReviewClaims => Set<ReviewClaim>();
    public DbSet<HumanFeedback> HumanFeedback => Set<HumanFeedback>();
    public DbSet<GroundTruthExample> GroundTruthExamples => Set<GroundTruthExample>();
    public DbSet<GroundTruthVersion> GroundTruthVersions => Set<GroundTruthVersion>();
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
    public DbSet<GatePolicy> GatePolicies => Set<GatePolicy>();
    public DbSet<JudgeDefinition> JudgeDefinitions => Set<JudgeDefinition>();
    public DbSet<JudgeVersion> JudgeVersions => Set<JudgeVersion>();
    public DbSet<EvaluationSchedule> EvaluationSchedules => Set<EvaluationSchedule>();
    public DbSet<DatasetVersionItem> DatasetVersionItems => Set<DatasetVersionItem>();
    public DbSet<EvaluationRun> EvaluationRuns => Set<EvaluationRun>();
    public DbSet<EvaluationResult> EvaluationResults => Set<EvaluationResult>();
    public DbSet<Collection> Collections => Set<Collection>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();
    public DbSet<IngestionJob> IngestionJobs => Set<IngestionJob>();
    public DbSet<IngestionLogEntry> IngestionLog => Set<IngestionLogEntry>();
    public DbSet<DocumentChunk> DocumentChunks => Set<DocumentChunk>();
    public DbSet<MediaAsset> MediaAssets => Set<MediaAsset>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<RedactionRecord> RedactionRecords => Set<RedactionRecord>();
    public DbSet<SqlQueryCacheEntry> SqlQueryCache => Set<SqlQueryCacheEntry>();
    public DbSet<GoldRetrievalLabel> GoldRetrievalLabels => Set<GoldRetrievalLabel>();
    public DbSet<SettingOverride> Settings => Set<SettingOverride>();
    public DbSet<SettingChange> SettingChanges => Set<SettingChange>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<RetentionRun> RetentionRuns => Set<RetentionRun>();

    /// <summary>The ASP.NET Core data-protection key ring, shared by every console node (cookies, antiforgery).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("vector");
        builder.ApplyConfigurationsFromAssembly(typeof(AiFlowDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
        JsonText.Register(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums read as words in SQL and survive reordering of members.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
