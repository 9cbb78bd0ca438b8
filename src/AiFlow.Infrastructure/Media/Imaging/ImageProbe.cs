using System.Globalization;
using SkiaSharp;

namespace AiFlow.Infrastructure.Media.Imaging;

/// <summary>Decodes PNG, JPEG, GIF or WebP bytes with SkiaSharp; null when the bytes are not an image it can read.</summary>
public static class ImageProbe
{
    public static ImageFacts? Read(ReadOnlySpan<byte> bytes)
    {
        using var bitmap = Decode(bytes);
        if (bitmap is null) return null;
        long r = 0, g = 0, b = 0;
        var pixels = bitmap.Pixels;
        foreach (var pixel in pixels)
        {
            r += pixel.Red;
            g += pixel.Green;
            b += pixel.Blue;
        }
        var count = Math.Max(1, pixels.Length);
        var mean = string.Create(CultureInfo.InvariantCulture, $"#{r / count:x2}{g / count:x2}{b / count:x2}");
        return new ImageFacts(bitmap.Width, bitmap.Height, mean);
    }

    internal static SKBitmap? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return null;
        using var data = SKData.CreateCopy(bytes);
        var bitmap = SKBitmap.Decode(data);
        if (bitmap is null || bitmap.Width == 0 || bitmap.Height == 0)
        {
            bitmap?.Dispose();
            return null;
        }
        return bitmap;
    }
}
