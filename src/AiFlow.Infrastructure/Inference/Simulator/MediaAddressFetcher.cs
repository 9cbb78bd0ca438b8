using System.Net.Http;
using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// Downloads the images a vision call names by URL, as a vision model server does (ADR 0034), so the answer comes from
/// the bytes that arrived. Only AiFlow's media addresses (<c>http(s)://…/media/{id}/content?token=…</c>) are fetched:
/// the console serves this simulator without sign-in, and fetching any URL it is handed would let anyone make the
/// console probe its own network. Short timeouts, no redirects, a size cap.
/// </summary>
internal static partial class MediaAddressFetcher
{
    public const long MaxBytes = 32L * 1024 * 1024;

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
        MaxResponseContentBufferSize = MaxBytes,
    };

    public static bool IsMediaAddress(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && MediaPath().IsMatch(uri.AbsolutePath);

    /// <summary>The bytes, or why they could not be had (the address without its token, which is a credential).</summary>
    public static async Task<(byte[]? Bytes, string? Error)> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var shown = new Uri(url).GetLeftPart(UriPartial.Path);
        try
        {
            using var response = await Client.GetAsync(new Uri(url), cancellationToken);
            if (!response.IsSuccessStatusCode) return (null, $"fetching {shown} answered HTTP {(int)response.StatusCode}");
            return (await response.Content.ReadAsByteArrayAsync(cancellationToken), null);
        }
        catch (HttpRequestException ex)
        {
            return (null, $"fetching {shown} failed: {ex.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"fetching {shown} timed out");
        }
    }

    [GeneratedRegex(@"^/media/[0-9a-fA-F-]{36}/content$")]
    private static partial Regex MediaPath();
}
