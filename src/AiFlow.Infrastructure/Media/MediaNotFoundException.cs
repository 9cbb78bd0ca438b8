namespace AiFlow.Infrastructure.Media;

/// <summary>A media id that names no readable asset: unknown, deleted, or its bytes missing from storage.</summary>
public sealed class MediaNotFoundException(Guid id, string reason) : Exception($"Media {id} {reason}.")
{
    public Guid MediaId { get; } = id;
}
