namespace AiFlow.Infrastructure.Media;

/// <summary>Authorised, expiring addresses for an asset's bytes (<c>/media/{id}/content?exp=…&amp;sig=…</c>), so pages never serve media from a public folder.</summary>
public interface IMediaUrls
{
    string For(Guid assetId, TimeSpan? lifetime = null);
}
