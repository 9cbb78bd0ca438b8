using System.Diagnostics;
using SkiaSharp;

namespace AiFlow.Tests.Support;

/// <summary>Real media made in the test: images encoded by SkiaSharp, WAVs written sample by sample, videos made by ffmpeg's CLI.</summary>
public static class MediaFiles
{
    public static byte[] Image(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png, SKColor? colour = null)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour ?? new SKColor(200, 40, 40));
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public static byte[] Png(int width, int height) => Image(width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width, int height) => Image(width, height, SKEncodedImageFormat.Jpeg);

    /// <summary>A 16-bit mono PCM WAV holding a 440 Hz tone.</summary>
    public static byte[] Wav(int milliseconds, int sampleRate = 16000)
    {
        var samples = sampleRate * milliseconds / 1000;
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++) writer.Write((short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 8000));
        writer.Flush();
        return buffer.ToArray();
    }

    /// <summary>An MP4 made by ffmpeg from its test sources: <paramref name="seconds"/> long, 160×120, with a tone when <paramref name="withAudio"/>.</summary>
    public static byte[] Video(int seconds, bool withAudio)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aiflow-test-{Guid.NewGuid():N}.mp4");
        try
        {
            var arguments = new List<string> { "-v", "error", "-nostdin", "-f", "lavfi", "-i", $"testsrc=size=160x120:rate=10:duration={seconds}" };
            if (withAudio) arguments.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}"]);
            arguments.AddRange(["-c:v", "mpeg4", "-pix_fmt", "yuv420p"]);
            if (withAudio) arguments.AddRange(["-c:a", "aac", "-shortest"]);
            arguments.Add(path);
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "ffmpeg could not make the test video: " + error);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
