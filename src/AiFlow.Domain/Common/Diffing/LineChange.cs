namespace AiFlow.Domain.Common.Diffing;

/// <summary>One line of a diff with its 1-based number in the old text, the new text, or both (unchanged lines).</summary>
public sealed record LineChange(LineChangeKind Kind, string Text, int? OldLine, int? NewLine);
