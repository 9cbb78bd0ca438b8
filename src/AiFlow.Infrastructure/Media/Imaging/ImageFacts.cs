using System.Globalization;

namespace AiFlow.Infrastructure.Media.Imaging;

/// <summary>What decoding an image tells: its size in pixels and its mean colour (<c>#rrggbb</c>).</summary>
public sealed record ImageFacts(int Width, int Height, string MeanColor)
{
    /// <summary>"64×48 pixels, mean colour #ff0000": the sentence the simulator answers with and tests look for.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height} pixels, mean colour {MeanColor}");
}
