namespace AiFlow.Domain.Prompts.Templating;

/// <summary>
/// Bounds on one render, whoever renders: a run, a transform or a preview. Loops multiply (a loop over 3,000 items
/// inside another is 9 million iterations), so the iterations of every loop in a render count together.
/// </summary>
public sealed record TemplateLimits
{
    public static readonly TemplateLimits Default = new();

    public int MaxLoopIterations { get; init; } = 10_000;

    /// <summary>In characters: about 1 MB of text, far more than any model takes as a prompt.</summary>
    public int MaxOutputLength { get; init; } = 1_000_000;
}
