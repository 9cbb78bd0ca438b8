namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// How many attempts of one run may execute at once, overall and per parallel group. Counted by the engine's loop,
/// which alone takes and releases slots, so plain counters suffice.
/// </summary>
public sealed class StepSlots(int perRun, int perGroup)
{
    private readonly Dictionary<string, int> groups = new(StringComparer.Ordinal);
    private int taken;

    public bool TryTake(string? group)
    {
        if (taken >= perRun) return false;
        if (group is not null)
        {
            var inGroup = groups.GetValueOrDefault(group);
            if (inGroup >= perGroup) return false;
            groups[group] = inGroup + 1;
        }
        taken++;
        return true;
    }

    public void Release(string? group)
    {
        taken--;
        if (group is not null) groups[group]--;
    }
}
