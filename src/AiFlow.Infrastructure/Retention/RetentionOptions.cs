using System.ComponentModel.DataAnnotations;
using Quartz;

namespace AiFlow.Infrastructure.Retention;

/// <summary>
/// Bound from <c>Retention</c>: how many days each kind of data is kept (null keeps it for ever) and when the purge runs.
/// Read through <c>IOptionsMonitor.CurrentValue</c> at each run, so a setting changed at run time applies to the next one.
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "Retention";

    /// <summary>Raw model responses of step runs (<c>step_run_texts.raw_response</c>); a month past this and the prompts' TTL is dropped whole.</summary>
    [Range(1, 36_500)]
    public int? RawResponsesDays { get; set; } = 30;

    /// <summary>Rendered prompts of step runs (<c>step_run_texts.rendered_prompt</c>); a month past this and the responses' TTL is dropped whole.</summary>
    [Range(1, 36_500)]
    public int? RenderedPromptsDays { get; set; } = 30;

    /// <summary>IR artifacts of steps that completed, once their run has finished.</summary>
    [Range(1, 36_500)]
    public int? SuccessfulIrArtifactsDays { get; set; } = 90;

    /// <summary>Rows of <c>ai_request_logs</c>; whole months past it are dropped as partitions.</summary>
    [Range(1, 36_500)]
    public int? RequestLogsDays { get; set; } = 90;

    /// <summary>
    /// Uploaded media (and what was derived from them) nothing still needs; null, the default, keeps media for ever
    /// because an asset may be all that is left of a run's input.
    /// </summary>
    [Range(1, 36_500)]
    public int? MediaDays { get; set; }

    /// <summary>Rows changed per transaction: small, so no purge holds locks for long.</summary>
    [Range(10, 100_000)]
    public int BatchSize { get; set; } = 1_000;

    /// <summary>Quartz cron expression, in UTC (default: every day at 03:15).</summary>
    [Required]
    public string Schedule { get; set; } = "0 15 3 * * ?";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CronExpression.TryParse(Schedule, out _))
            yield return new ValidationResult($"'{Schedule}' is not a Quartz cron expression (e.g. '0 15 3 * * ?').", [nameof(Schedule)]);
    }
}
