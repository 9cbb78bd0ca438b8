using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// The step kinds this build can run: the one place that says so. Authoring (the Steps page, the palette, publishing)
/// offers only these, so a kind without an executor cannot reach a run.
/// </summary>
public sealed class StepKindRegistry
{
    private readonly Dictionary<StepKind, IStepKind> kinds;

    public StepKindRegistry(IEnumerable<IStepKind> registered)
    {
        kinds = [];
        foreach (var kind in registered)
        {
            if (!kinds.TryAdd(kind.Kind, kind)) throw new InvalidOperationException($"Step kind {kind.Kind} is registered twice.");
        }
    }

    /// <summary>The runnable kinds, in the enum's order.</summary>
    public IReadOnlyList<StepKind> Runnable => [.. Enum.GetValues<StepKind>().Where(kinds.ContainsKey)];

    public bool IsRunnable(StepKind kind) => kinds.ContainsKey(kind);

    public IStepKind? Find(StepKind kind) => kinds.GetValueOrDefault(kind);
}
