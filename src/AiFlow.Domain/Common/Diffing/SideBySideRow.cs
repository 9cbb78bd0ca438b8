namespace AiFlow.Domain.Common.Diffing;

/// <summary>One row of a two-column diff: the old line on the left, the new one on the right; either may be missing.</summary>
public sealed record SideBySideRow(LineChange? Left, LineChange? Right)
{
    public bool IsChange => Left?.Kind != LineChangeKind.Same || Right?.Kind != LineChangeKind.Same;
}
