namespace AiFlow.Infrastructure.Judges;

/// <summary>A judge with its versions, newest first; <see cref="Version"/> is the row version a new version must carry.</summary>
public sealed record JudgeView(string Key, string Name, string? Description, int CurrentVersion, uint Version, DateTimeOffset CreatedAt,
    IReadOnlyList<JudgeVersionView> Versions)
{
    public JudgeVersionView Current => Versions.First(v => v.Number == CurrentVersion);
}
