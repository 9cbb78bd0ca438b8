namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>The answer to a schedule change: applied, or refused with the reason and the JSON pointer of the field at fault (nothing changed).</summary>
public sealed record ScheduleWriteResult(string? Problem, string? Pointer, bool NotFound)
{
    public static readonly ScheduleWriteResult Applied = new(null, null, false);

    public bool Succeeded => Problem is null;

    public static ScheduleWriteResult Refused(string pointer, string problem) => new(problem, pointer, false);
}
