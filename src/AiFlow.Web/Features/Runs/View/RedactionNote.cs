using AiFlow.Domain.Privacy;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>What the redaction policy took out of one field of a step attempt, for the inspector.</summary>
public sealed record RedactionNote(Guid RecordId, string Field, IReadOnlyList<PiiFinding> Findings, bool HasOriginal)
{
    public string Summary => string.Join(", ", Findings.GroupBy(f => f.Category).Select(g =>
    {
        var count = g.Sum(f => f.Count);
        var at = g.Select(f => f.Pointer).Where(p => p is not null).Distinct().ToList();
        return $"{count} {g.Key}{(count == 1 ? "" : "s")}" + (at.Count == 0 ? "" : " at " + string.Join(", ", at.Select(p => p!.Length == 0 ? "(root)" : p)));
    }));

    /// <summary>The inspector's name for a stored field.</summary>
    public static string Label(string entityType, string field) => (entityType, field) switch
    {
        ("StepRun", "InputJson") => "Input",
        ("StepRun", "RenderedPrompt") => "Rendered prompt",
        ("StepRun", "RawResponse") => "Raw model response",
        ("IrArtifact", _) => "IR",
        _ => $"{entityType}.{field}",
    };
}
