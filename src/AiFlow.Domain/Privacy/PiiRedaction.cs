namespace AiFlow.Domain.Privacy;

/// <summary>A redacted text and what was taken out of it.</summary>
public sealed record PiiRedaction(string Text, IReadOnlyList<PiiFinding> Findings)
{
    public bool Changed => Findings.Count > 0;
}
