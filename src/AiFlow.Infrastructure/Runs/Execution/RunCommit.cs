namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// Everything one scheduling round of the engine writes, committed in one fenced transaction: attempts that finished,
/// nodes decided without running, attempts that start now, and the end of the run once nothing is left to do.
/// In a chain the completion of one step and the start of the next share a commit.
/// </summary>
public sealed class RunCommit
{
    public List<StepCompletion> Completions { get; } = [];
    public List<NodeDecision> Decisions { get; } = [];
    /// <summary>Attempts from <see cref="IRunStore.NewAttempt"/>, recorded as running.</summary>
    public List<StepAttempt> Starts { get; } = [];
    public RunEnd? End { get; set; }

    /// <summary>When the round was decided: the start time of its attempts, which begin before it is committed.</summary>
    public DateTimeOffset? At { get; set; }

    public bool IsEmpty => Completions.Count == 0 && Decisions.Count == 0 && Starts.Count == 0 && End is null;
}
