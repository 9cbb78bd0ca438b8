namespace AiFlow.Infrastructure.Judges;

/// <summary>Where the human side of a judge-agreement item came from.</summary>
public enum JudgeLabelSource
{
    /// <summary>The first review decision on the scored output.</summary>
    Review,

    /// <summary>Ground truth whose expected IR is exactly the scored output, for the same step and step input: an approval.</summary>
    GroundTruth,
}
