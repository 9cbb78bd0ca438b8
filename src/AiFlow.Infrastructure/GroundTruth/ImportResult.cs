namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>An import either saves every line or none: <see cref="Errors"/> name the bad lines by number.</summary>
public sealed record ImportResult(int Saved, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
