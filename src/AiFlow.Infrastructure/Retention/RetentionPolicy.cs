namespace AiFlow.Infrastructure.Retention;

/// <summary>The TTLs in days (null: kept for ever) and schedule in force, as <see cref="RetentionOptions"/> reads now.</summary>
public sealed record RetentionPolicy(int? RawResponsesDays, int? RenderedPromptsDays, int? SuccessfulIrArtifactsDays, int? RequestLogsDays,
    int? MediaDays, int BatchSize, string Schedule)
{
    public static RetentionPolicy Of(RetentionOptions o) =>
        new(o.RawResponsesDays, o.RenderedPromptsDays, o.SuccessfulIrArtifactsDays, o.RequestLogsDays, o.MediaDays, o.BatchSize, o.Schedule);
}
