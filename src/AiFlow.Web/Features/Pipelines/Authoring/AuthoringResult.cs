using AiFlow.Infrastructure.Evaluation;

namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>
/// The answer to a change: done (with the version as saved), refused with the reasons, or a conflict naming who saved
/// last. A refused or conflicting change saved nothing.
/// </summary>
public sealed record AuthoringResult(AuthoringOutcome Outcome, PipelineDraft? Draft, IReadOnlyList<EditorIssue> Issues,
    string? SavedBy = null, DateTimeOffset? SavedAt = null, GateReport? Gate = null)
{
    public bool Succeeded => Outcome == AuthoringOutcome.Ok;

    public static AuthoringResult Ok(PipelineDraft draft) => new(AuthoringOutcome.Ok, draft, []);

    public static AuthoringResult Invalid(IReadOnlyList<EditorIssue> issues) => new(AuthoringOutcome.Invalid, null, issues);

    public static AuthoringResult Invalid(string message) => new(AuthoringOutcome.Invalid, null, [new EditorIssue(message, [])]);

    public static AuthoringResult NotFound(string message) => new(AuthoringOutcome.NotFound, null, [new EditorIssue(message, [])]);

    public static AuthoringResult Conflict(string message, string? savedBy, DateTimeOffset? savedAt) =>
        new(AuthoringOutcome.Conflict, null, [new EditorIssue(message, [])], savedBy, savedAt);

    public static AuthoringResult GateRefused(GateReport report) =>
        new(AuthoringOutcome.GateRefused, null, [.. report.Findings.Select(f => new EditorIssue(f.Problem, []))], Gate: report);

    public string Message => string.Join(" ", Issues.Select(i => i.Message));
}
