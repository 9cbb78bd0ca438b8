using AiFlow.Domain.Common;

namespace AiFlow.Domain.Judges;

/// <summary>
/// One immutable version of a judge: the prompt template (the in-house Liquid subset, reading <c>input</c>, <c>ir</c>,
/// <c>output</c>, <c>expected</c> and <c>rubric</c>), the rubric, the output schema (an object with a number
/// <c>score</c> and a string <c>reasoning</c>, and a string <c>category</c> for a category judge), the model route, and
/// the range a score must fall in. Results and agreement name the version, so a changed prompt starts a new record.
/// </summary>
public class JudgeVersion : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid JudgeDefinitionId { get; set; }
    public int Number { get; set; }
    public JudgeKind Kind { get; set; }
    public string PromptTemplate { get; set; } = "";
    public string Rubric { get; set; } = "";
    public string OutputSchemaJson { get; set; } = "{}";
    /// <summary>The route whose fallback chain answers, as a step version's; null uses the route for task type "judge".</summary>
    public Guid? ModelRouteId { get; set; }
    public double ScoreMin { get; set; }
    public double ScoreMax { get; set; } = 1;
    /// <summary>A category judge's labels; empty for a rating judge.</summary>
    public List<string> Categories { get; set; } = [];
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}
