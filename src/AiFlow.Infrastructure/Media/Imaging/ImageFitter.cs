using SkiaSharp;

namespace AiFlow.Infrastructure.Media.Imaging;

/// <summary>
/// Sizes an image down to an endpoint's limits (longest side, encoded bytes) before it is sent. An image within both
/// limits goes as stored; otherwise it is scaled to the side limit and re-encoded (PNG keeps PNG, anything else JPEG),
/// then shrunk by a quarter at a time until it fits the byte limit.
/// </summary>
public static class ImageFitter
{
    private const int JpegQuality = 85;
    private const int SmallestSide = 16;

    /// <summary>The image fitted to the limits, or null when the bytes are not a readable image or cannot fit.</summary>
    public static FittedImage? Fit(byte[] bytes, string mimeType, int maxSide, long maxBytes)
    {
        using var bitmap = ImageProbe.Decode(bytes);
        if (bitmap is null) return null;
        var longest = Math.Max(bitmap.Width, bitmap.Height);
        if (longest <= maxSide && bytes.Length <= maxBytes) return new FittedImage(bytes, mimeType, bitmap.Width, bitmap.Height, false);

        var format = mimeType == "image/png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
        var scale = Math.Min(1.0, (double)maxSide / longest);
        while (true)
        {
            var width = Math.Max(1, (int)Math.Round(bitmap.Width * scale));
            var height = Math.Max(1, (int)Math.Round(bitmap.Height * scale));
            using var resized = bitmap.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            using var image = SKImage.FromBitmap(resized);
            using var encoded = image.Encode(format, JpegQuality);
            var output = encoded.ToArray();
            if (output.Length <= maxBytes)
            {
                return new FittedImage(output, format == SKEncodedImageFormat.Png ? "image/png" : "image/jpeg", width, height, true);
            }
            if (Math.Max(width, height) <= SmallestSide) return null;
            // PNG of a photo may never fit; JPEG shrinks far better, so switch before making it smaller.
            if (format == SKEncodedImageFormat.Png) format = SKEncodedImageFormat.Jpeg;
            else scale *= 0.75;
        }
    }
}
