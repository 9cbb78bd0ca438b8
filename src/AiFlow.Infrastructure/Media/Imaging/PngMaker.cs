using SkiaSharp;

namespace AiFlow.Infrastructure.Media.Imaging;

/// <summary>Draws small PNGs in code (demo media, tests): a solid colour, optionally with a second colour in a band.</summary>
public static class PngMaker
{
    public static byte[] Solid(int width, int height, SKColor color, SKColor? band = null)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color);
            if (band is { } second)
            {
                using var paint = new SKPaint { Color = second };
                canvas.DrawRect(0, 0, width / 2f, height, paint);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
